from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (PostgreSQL: pg_dump custom format; SQLite: online backup) and MEDIA_ROOT, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a new or empty folder to write the backup into")

    def handle(self, *args, folder, **options):
        try:
            manifest = backup(Path(folder))
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backup in {folder}: {manifest['engine']} database ({rows} rows in {len(manifest['counts'])} tables), "
            f"{len(manifest['files'])} stored files; manifest.json lists their SHA-256."
        )
