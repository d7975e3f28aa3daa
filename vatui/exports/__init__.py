"""Reports, digests and exports turned into text and files: tables, CSV, Markdown, JSON,
iCalendar. The numbers come from vatui.core.reports; this package only writes them out.
Nothing here imports Textual, so the quick commands stay quick."""
