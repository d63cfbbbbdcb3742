from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from api.models import Scope
from api.services import api_client_create


class Command(BaseCommand):
    help = (
        "Tạo một hệ thống gọi API và in khóa truy cập (chỉ in một lần). Tài khoản dịch vụ phải có sẵn, với vai trò "
        "cần thiết (ví dụ cán bộ phụ trách TĐKT của các đơn vị mà hệ thống gửi hồ sơ thay)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Tên hệ thống, ví dụ “Cổng dịch vụ công tỉnh”.")
        parser.add_argument("--user", required=True, help="Tên đăng nhập của tài khoản dịch vụ mà hệ thống dùng.")
        parser.add_argument(
            "--scope",
            action="append",
            required=True,
            choices=Scope.values,
            help="Phạm vi được phép (lặp lại để cấp nhiều phạm vi): " + ", ".join(Scope.values) + ".",
        )
        parser.add_argument("--by", required=True, help="Tên đăng nhập của quản trị viên thực hiện (ghi vào nhật ký).")

    def handle(self, *args, **options):
        users = {u.username: u for u in User.objects.filter(username__in=[options["user"], options["by"]])}
        for key in ("user", "by"):
            if options[key] not in users:
                raise CommandError(f"Không có tài khoản “{options[key]}”.")
        try:
            client, token = api_client_create(
                by=users[options["by"]], name=options["name"], user=users[options["user"]], scopes=options["scope"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except PermissionDenied as exc:
            raise CommandError(f"“{options['by']}” không phải quản trị hệ thống: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo hệ thống “{client.name}” (tài khoản dịch vụ: {client.user.username}; "
                f"phạm vi: {'; '.join(client.scope_labels)})."
            )
        )
        self.stdout.write("Khóa truy cập — chỉ hiển thị lần này, hãy lưu lại an toàn:")
        self.stdout.write(token)
