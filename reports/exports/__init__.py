"""Excel exports of the portal's lists, one declarative exporter:

- engine.py: what an export is (columns, rows, the declaration) and how a workbook is written;
- registry.py: every export by name, collected from the subject modules dossiers.py, decisions.py,
  campaigns.py, honoured.py and clusters.py (each builds its rows through the list page's own selector);
- jobs.py: a big export becomes a job (start, retry), queued through reports.tasks;
- worker.py: what the worker does with a job (make the file, fail stale jobs, purge old files).

Nothing is re-exported here: importing a part never imports the background side with it.
"""
