"""The reports pages, by subject: dashboard (what waits for each role), statistics (figures and the
lists behind them), review (the review reports the office drafts) and exports (Excel files and their jobs)."""
