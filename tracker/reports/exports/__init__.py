"""The report's files: the Word document BIF collects (word.py), plain text and Markdown (text.py), built from
the plain `ReportDocument` (document.py), and the download routes (views.py)."""
