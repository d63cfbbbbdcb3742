import datetime

from django.core.management.base import BaseCommand

from campaigns.services.reminders import reminder_scan


class Command(BaseCommand):
    help = "Quét và gửi nhắc việc ngay (mặc định cho hôm nay). Chạy lại nhiều lần không gửi trùng."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Ngày quét, dạng YYYY-MM-DD (để thử với ngày khác).")

    def handle(self, *args, **options):
        today = datetime.date.fromisoformat(options["date"]) if options["date"] else None
        result = reminder_scan(today=today)
        if result.skipped:
            self.stdout.write(result.skipped)
        counts = f"{result.reminders} lần nhắc, {result.messages} thông báo, {result.emails} thư điện tử"
        self.stdout.write(f"Ngày {result.today:%d/%m/%Y}: {counts}.")
