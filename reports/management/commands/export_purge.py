from django.conf import settings
from django.core.management.base import BaseCommand

from reports.exports.worker import export_jobs_purge


class Command(BaseCommand):
    help = "Xóa các tệp Excel xuất ra (và bản ghi) cũ hơn N ngày."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.EXPORT_KEEP_DAYS)

    def handle(self, *args, days, **options):
        count = export_jobs_purge(older_than_days=days)
        self.stdout.write(f"Đã xóa {count} tệp xuất Excel cũ hơn {days} ngày.")
