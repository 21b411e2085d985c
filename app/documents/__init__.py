"""Files in and out: spreadsheet import, export profiles, PDF receipts and recaps.

Depends on app.domain only (and openpyxl, python-calamine, reportlab, segno, imported where
used so start-up stays fast); never on models or services.
"""
