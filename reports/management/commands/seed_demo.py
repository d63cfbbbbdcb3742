import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, seed_users
from awards.demo import seed_council
from campaigns.demo.campaigns import seed_campaigns
from campaigns.demo.requests import seed_report_chain
from clusters.demo import seed_clusters
from core.demo_calendar import demo_as_of
from dossiers.catalogue_seed import seed_catalogue
from dossiers.demo import seed_rounds_and_dossiers
from reports.demo import seed_history
from reports.demo_province import PROVINCE, seed_province
from units.demo import AUTHORITY, seed_organisation
from units.models import Authority, Unit


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: mặc định một tỉnh sau sắp xếp năm 2025 (tỉnh Lai Châu, năm xã, phường) với cơ quan, "
        "đơn vị, tài khoản và một tờ trình đang gửi lên tỉnh; --district: huyện Thanh Oai như trước. "
        "Ngày tháng của dữ liệu tính từ hôm nay (hoặc --as-of): kế hoạch, lịch hạn của năm nay, đợt tổng kết năm "
        "đang xét (tháng 1, 2: của năm trước). Chạy lại nhiều lần vẫn cho cùng kết quả."
    )

    def add_arguments(self, parser):
        parser.add_argument("--district", action="store_true", help="Nạp huyện mẫu Thanh Oai (một cơ quan ban hành).")
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            default=None,
            help="Nạp như thể hôm nay là ngày này (YYYY-MM-DD), ví dụ để kiểm thử; mặc định: hôm nay.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if options["as_of"] and options["as_of"] > timezone.localdate():
            raise CommandError("--as-of không được sau hôm nay: quyết định không ban hành được vào ngày chưa đến.")
        with demo_as_of(options["as_of"]):
            self._load(options)

    def _load(self, options):
        self._refuse_the_other_demo(district=options["district"])
        if options["district"]:
            rows, summary = self._district()
        else:
            from django.apps import apps

            seed_catalogue(lambda name: apps.get_model("dossiers", name))  # no-op when the catalogue exists
            rows = seed_province(DEMO_PASSWORD)
            summary = (
                f"Đã nạp {PROVINCE['short_name']} với {Authority.objects.count() - 1} xã, phường, {Unit.objects.count()} đơn vị."
            )
        self.stdout.write(self.style.SUCCESS(summary))
        self.stdout.write(f"Mật khẩu của mọi tài khoản mẫu: {DEMO_PASSWORD}")
        width = max(len(r[0]) for r in rows)
        for username, full_name, roles in rows:
            self.stdout.write(f"  {username.ljust(width)}  {full_name} — {roles}")

    def _refuse_the_other_demo(self, *, district: bool) -> None:
        """The two demos are two different installations: one database holds one of them."""
        root = Authority.objects.filter(parent=None).order_by("pk").first()
        if root is None or not Unit.objects.exists():
            return
        is_province = root.code == PROVINCE["code"]
        if district and is_province:
            raise CommandError("Cơ sở dữ liệu này đang chứa tỉnh mẫu; huyện mẫu cần một cơ sở dữ liệu trống.")
        if not district and not is_province:
            raise CommandError(
                f"Cơ sở dữ liệu này đang chứa dữ liệu của {root.short_name or AUTHORITY['short_name']}; "
                "tỉnh mẫu cần một cơ sở dữ liệu trống (hoặc chạy seed_demo --district)."
            )

    def _district(self):
        units = seed_organisation()
        rows = seed_users(units)
        rounds = seed_rounds_and_dossiers(units)
        seed_campaigns(units)
        seed_council(units)
        seed_clusters(units)
        seed_report_chain(units)  # after the clusters: the six-month report goes through them
        seed_history(units)
        return rows, f"Đã nạp {len(units)} đơn vị, {len(rows)} tài khoản mẫu và {rounds} đợt xét khen thưởng."
