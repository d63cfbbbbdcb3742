"""Demo campaigns, annual plan, submission requests and exemplary models, after the seed letters. The story is
written for 2026 and told for the day the demo is loaded (core.demo_calendar: which year each thing belongs to).

- Campaigns and their owner departments: Thanh Oai seed (147/UBND-NV, 2023), set in 2026.
- The annual plan: the Cao Lộc seed's plan for 2024, its 19 tasks transcribed as written (the seed
  gives quarters, not dates: each task is due on the last day of its quarter), as this year's plan.
- Submission requests, from the seeds' deadlines in the demo year 2026: units' plans by 06/02 (Yên
  Thế), cluster regulations and pacts by 20/02 (Yên Thế; to all units until clusters exist), the
  education sector's dossiers by 12/06 and the year-end report due in 15 working days.
- The six-month report through the clusters and blocs (`seed_report_chain`, after the clusters):
  members to their head by 23/06, the heads' consolidated reports to the office by 30/06, with the
  Tây Sơn outline.
- Exemplary models: Phong Thổ seed, item 5.

Idempotent: rows are found by name or title; submissions are added only where none exist.

Modules: campaigns (seed_campaigns, which seeds the others), plan, requests (with seed_report_chain),
exemplary; common holds the helpers they share.
"""
