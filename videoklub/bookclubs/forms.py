"""Forms of the book club pages; the services validate again (they are the one gate)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from videoklub.accounts.models import User
from videoklub.bookclubs import guiding
from videoklub.bookclubs.isbn import validate_isbn
from videoklub.bookclubs.models import (
    EVALUATION_ITEMS,
    BookClub,
    BookClubMember,
    ClubMeeting,
    Insight,
    Role,
)
from videoklub.meetings.forms import ScheduledForm


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # DATE_FORMAT, as every page writes a date.
        return formats.date_format(timezone.localtime(obj.starts_at).date())


class ClubForm(forms.Form):
    """The club's name and what it reads; on creation also where it lives."""

    where = forms.ChoiceField(label=_("For"), choices=())
    title = forms.CharField(label=_("Name of the book club"), max_length=200)
    book_title = forms.CharField(label=_("Title of the book or article"), max_length=300)
    book_authors = forms.CharField(label=_("Authors"), max_length=300, required=False)
    isbn = forms.CharField(
        label=_("ISBN"),
        max_length=17,
        required=False,
        validators=[validate_isbn],
        help_text=_("Of a book: 10 or 13 digits. Of an article: leave empty and add a link."),
    )
    link = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    why = forms.CharField(
        label=_("Why this text?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few sentences: what do you hope it brings your pupils?"),
    )

    def __init__(self, *args: Any, places: list[tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if places is None:
            del self.fields["where"]
        else:
            cast(forms.ChoiceField, self.fields["where"]).choices = places

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        given = cleaned.get("isbn") or cleaned.get("link")
        if not given and not self.has_error("isbn") and not self.has_error("link"):
            self.add_error("isbn", _("Give the ISBN of the book or a link to the article."))
        return cleaned


class ClubEditForm(ClubForm):
    status = forms.ChoiceField(label=_("Status"), choices=BookClub.Status.choices)
    facilitator = PersonChoiceField(
        label=_("Facilitator"), queryset=User.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, club: BookClub, members: list, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": club.title,
                "book_title": club.book_title,
                "book_authors": club.book_authors,
                "isbn": club.isbn,
                "link": club.link,
                "why": club.why,
                "status": club.status,
                "facilitator": club.facilitator_id,
            },
        )
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["facilitator"])
        field.queryset = User.objects.filter(pk__in=[m.user_id for m in members])


class MemberAddForm(forms.Form):
    user = PersonChoiceField(
        label=_("Colleague"),
        queryset=User.objects.none(),
        empty_label=_("(choose a colleague)"),
    )

    def __init__(self, *args: Any, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["user"])
        field.queryset = candidates


class ClubMeetingForm(ScheduledForm):
    """The klub session's fields (date, times, place, work form) and what to read; on planning
    also the set of guiding questions (on the meeting page they are edited as text)."""

    end_error = _("The meeting must end after it starts.")

    reading = forms.CharField(
        label=_("To read for this meeting"),
        max_length=200,
        required=False,
        help_text=_("Chapters or pages, for example ‘chapter 2’ or ‘pp. 30–58’."),
    )
    template = forms.ChoiceField(
        label=_("Guiding questions"),
        choices=(),
        help_text=_(
            "A set of appreciative GRROW questions; you can edit them on the meeting page."
        ),
    )
    field_order = ["date", "start_time", "end_time", "place", "reading", "work_form"]

    def __init__(self, *args: Any, meeting: ClubMeeting | None = None, **kwargs) -> None:
        if meeting is not None:
            kwargs.setdefault("initial", {**self.initial_of(meeting), "reading": meeting.reading})
        super().__init__(*args, **kwargs)
        if meeting is not None:
            del self.fields["template"]  # the questions are the meeting page's by now
        else:
            cast(forms.ChoiceField, self.fields["template"]).choices = [
                (t.code, t.name) for t in guiding.templates().values()
            ]

    def service_kwargs(self) -> dict:
        kwargs = {**self.schedule_kwargs(), "reading": self.cleaned_data["reading"]}
        if "template" in self.fields:
            kwargs["questions"] = guiding.templates()[self.cleaned_data["template"]].as_text()
        return kwargs


def meeting_initial(position: int) -> dict:
    """Two weeks from now at 15:45 – 17:00; the first meeting gets the opening questions."""
    return {
        "date": timezone.localdate() + timedelta(days=14),
        "start_time": "15:45",
        "end_time": "17:00",
        "template": "start" if position == 0 else "middle",
    }


class MeetingNotesForm(forms.Form):
    questions = forms.CharField(
        label=_("Guiding questions"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    held = forms.BooleanField(label=_("This meeting has been held"), required=False)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.user.full_name


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    member = MemberChoiceField(
        label=_("Member"),
        queryset=BookClubMember.objects.none(),
        empty_label=_("(choose a member)"),
    )

    def __init__(self, *args: Any, club: BookClub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["member"])
        field.queryset = club.members.current().select_related("user").order_by("joined_at", "pk")


class InsightForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Insight.Kind.choices)
    text = forms.CharField(
        label=_("Insight"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A note, a quote from the text, or what a link or file is about."),
    )
    page_ref = forms.CharField(label=_("Page"), max_length=50, required=False)
    link = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    file = forms.FileField(label=_("File"), required=False)


class ExperimentForm(forms.Form):
    what = forms.CharField(
        label=_("What I will try in my class"), widget=forms.Textarea(attrs={"rows": 3})
    )
    success = forms.CharField(label=_("How I will notice it works"), max_length=300, required=False)


class LogbookForm(forms.Form):
    body = forms.CharField(
        label=_("What happened in class?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    meeting = MeetingChoiceField(
        label=_("Discussed at the meeting of"),
        queryset=ClubMeeting.objects.none(),
        empty_label=_("(choose a meeting)"),
    )
    review = forms.CharField(
        label=_("What we concluded together"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, meetings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["meeting"])
        field.queryset = meetings


SCALE_CHOICES = [(str(i), str(i)) for i in range(1, 6)]


class EvaluationForm(forms.Form):
    """Five statements on a 1–5 scale (1 = not at all, 5 = completely) and an open question."""

    open_answer = forms.CharField(
        label=_("What do you take with you from this book club?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, statement in EVALUATION_ITEMS:
            self.fields[name] = forms.TypedChoiceField(
                label=statement,
                choices=SCALE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score from 1 to 5.")},
            )
        # The open question last, after the statements.
        self.fields["open_answer"] = self.fields.pop("open_answer")

    def answers(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name, _statement in EVALUATION_ITEMS}
