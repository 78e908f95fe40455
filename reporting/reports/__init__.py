"""Committee reports and plan documents: gather the data (a selector) → context → HTML → PDF / XLSX.

- :mod:`.gather` reads what a committee report covers (the scope, its tasks and indicators);
- :mod:`.rows` turns each task and indicator into a plain row with its judgement and reason, and
  :mod:`.rollup` rolls the rows up into plans, sections and objectives with their counts;
- :mod:`.content` puts those together into plain, JSON-able data (what a published report freezes as its
  snapshot), and :mod:`.prose` writes the default texts from it;
- :mod:`.committee` turns that data into the paper: HTML (the preview and the PDF share the template),
  PDF through :mod:`.pdf` and Excel through :mod:`.excel`;
- :mod:`.plan_document` does the same for a whole plan;
- :mod:`.services` creates, edits and publishes saved reports and queues background renders, which
  :mod:`.tasks` runs through :mod:`.rendering`.
"""
