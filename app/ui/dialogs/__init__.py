"""Dialogs: village set-up, worker add/edit, end of membership, heirs."""
