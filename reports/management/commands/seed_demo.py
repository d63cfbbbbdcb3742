from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, seed_users
from awards.demo import seed_council
from campaigns.demo.campaigns import seed_campaigns
from campaigns.demo.requests import seed_report_chain
from clusters.demo import seed_clusters
from dossiers.demo import seed_rounds_and_dossiers
from reports.demo import seed_history
from units.demo import seed_organisation


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu (huyện Thanh Oai): cơ quan ban hành, đơn vị, tài khoản cho mọi vai trò. "
        "Chạy lại nhiều lần vẫn cho cùng kết quả."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        units = seed_organisation()
        rows = seed_users(units)
        rounds = seed_rounds_and_dossiers(units)
        seed_campaigns(units)
        seed_council(units)
        seed_clusters(units)
        seed_report_chain(units)  # after the clusters: the six-month report goes through them
        seed_history(units)
        self.stdout.write(
            self.style.SUCCESS(f"Đã nạp {len(units)} đơn vị, {len(rows)} tài khoản mẫu và {rounds} đợt xét khen thưởng.")
        )
        self.stdout.write(f"Mật khẩu của mọi tài khoản mẫu: {DEMO_PASSWORD}")
        width = max(len(r[0]) for r in rows)
        for username, full_name, roles in rows:
            self.stdout.write(f"  {username.ljust(width)}  {full_name} — {roles}")
