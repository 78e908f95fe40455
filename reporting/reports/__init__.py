"""Committee reports and plan documents: gather the data (a selector) → context → HTML → PDF / XLSX.

- :mod:`.content` reads what a committee report covers into plain, JSON-able data (what a published
  report freezes as its snapshot) and writes the default texts from it;
- :mod:`.committee` turns that data into the paper: HTML (the preview and the PDF share the template),
  PDF through :mod:`.pdf` and Excel through :mod:`.excel`;
- :mod:`.plan_document` does the same for a whole plan;
- :mod:`.services` creates, edits and publishes saved reports.
"""
