"""PDFs for printing: enrollment receipts and the monthly recap (reportlab, DejaVu embedded).

reportlab and segno are imported inside the functions that draw, never at import time.
"""

from app.documents.pdf.letterhead import Letterhead
from app.documents.pdf.paper import Paper
from app.documents.pdf.recap import RecapDoc, RecapGroup, RecapLine, render_recap
from app.documents.pdf.receipts import ReceiptDoc, render_receipts

__all__ = [
    "Letterhead",
    "Paper",
    "RecapDoc",
    "RecapGroup",
    "RecapLine",
    "ReceiptDoc",
    "render_recap",
    "render_receipts",
]
