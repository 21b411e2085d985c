"""The pages of the main window's left navigation (DESIGN.md section 9)."""
