"""Invoice documents: PDF (fpdf2), Markdown and HTML in the invoice's own language."""
