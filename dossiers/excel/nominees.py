"""The nominee list of a dossier, as a unit's clerk fills the template (individuals only): its columns and
its parser. A unit with 120 LĐTT nominees uploads the file, sees each row with its faults, fixes the file
and uploads it again; only a file without faults can be saved (by services.nominees_bulk_create)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..enums import Discipline, Gender, Subject, TaskRating
from ..models import Nominee, Person
from .cells import Choice, Date, Integer, LongText, Text, yes_no
from .columns import Column, ImportPreview, PreviewRow, model_field, read_preview
from .references import IndividualAward

NOMINEE_SHEET = "Danh sách đề nghị"


# A person's name and birth date, as both sheets (this one and the ledger's) read them. Person.full_name
# is the tightest bound for a name: the nominee becomes a person of the ledger.
FULL_NAME = Column(
    "full_name", "Họ và tên (*)", 28, Text(), required=True, aliases=("Họ tên",), field=model_field(Person, "full_name")
)
DATE_OF_BIRTH = Column(
    "date_of_birth",
    "Ngày sinh (dd/mm/yyyy)",
    16,
    Date(),
    aliases=("Ngày, tháng, năm sinh", "Ngày tháng năm sinh"),
    as_text=True,
)

NOMINEE_COLUMNS = (
    Column("stt", "STT", 6),
    FULL_NAME,
    Column("gender", "Giới tính (Nam/Nữ)", 12, Choice(Gender.choices, hint=gettext_lazy("Nam hoặc Nữ"))),
    DATE_OF_BIRTH,
    Column("position", "Chức vụ", 24, Text(), field=model_field(Nominee, "position")),
    Column("work_unit", "Đơn vị công tác", 30, Text(), field=model_field(Nominee, "work_unit")),
    Column("worker_category", "Nhóm đối tượng", 32, Choice(Nominee.WorkerCategory.choices, blank=Nominee.WorkerCategory.OTHER)),
    Column("ethnic_minority", "Dân tộc thiểu số (Có/Không)", 16, yes_no()),
    Column(
        "months_worked",
        "Số tháng công tác trong năm",
        14,
        Integer(0, 12),
        aliases=("Số tháng công tác",),
        name=gettext_lazy("số tháng công tác"),
    ),
    Column("task_rating", "Xếp loại nhiệm vụ", 30, Choice(TaskRating.choices), aliases=("Xếp loại",)),
    Column(
        "discipline",
        "Kỷ luật trong năm",
        30,
        Choice(Discipline.choices, blank=Discipline.NONE, extra={gettext_lazy("Không"): Discipline.NONE}),
        aliases=("Kỷ luật", "Hình thức kỷ luật"),
        name=gettext_lazy("kỷ luật"),
    ),
    Column(
        "initiative_ref",
        "Sáng kiến được công nhận",
        36,
        Text(),
        aliases=("Sáng kiến",),
        field=model_field(Nominee, "initiative_ref"),
    ),
    Column(
        "award",
        "Đề nghị tặng (mã hoặc tên) (*)",
        32,
        IndividualAward(active_only=True),
        required=True,
        aliases=("Danh hiệu, hình thức đề nghị", "Danh hiệu đề nghị", "Danh hiệu, hình thức", "Hình thức khen thưởng"),
        name=gettext_lazy("danh hiệu, hình thức đề nghị tặng"),
    ),
    Column("achievement", "Tóm tắt thành tích", 60, LongText(), aliases=("Thành tích",)),
)


def parse_nominees(file, *, dossier) -> ImportPreview:
    """Read a filled nominee template into a preview; raises ValidationError for a file it cannot read.
    Beyond each cell: the same person twice for the same award in the file, or already in the dossier."""
    existing = {
        (name.casefold(), born, award_id): award_name
        for name, born, award_id, award_name in dossier.nominees.filter(subject=Subject.INDIVIDUAL).values_list(
            "full_name", "date_of_birth", "award_id", "award__name"
        )
    }
    seen: dict[tuple, int] = {}

    def check(row: PreviewRow) -> list[str]:
        name, award = row.values["full_name"], row.values["award"]
        if not (name and award):
            return []
        key = (name.casefold(), row.values["date_of_birth"], award.pk)
        faults = []
        if key in seen:
            faults.append(
                _("trùng với dòng %(other)s (cùng họ tên, ngày sinh và danh hiệu, hình thức đề nghị).") % {"other": seen[key]}
            )
        elif key in existing:
            faults.append(_("%(name)s đã có trong hồ sơ với đề nghị “%(award)s”.") % {"name": name, "award": existing[key]})
        seen.setdefault(key, row.number)
        return faults

    return read_preview(file, NOMINEE_COLUMNS, sheet_name=NOMINEE_SHEET, check=check, constants={"subject": Subject.INDIVIDUAL})
