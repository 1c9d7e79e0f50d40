"""The editor's course form and the learner's forms (an answer, the feedback)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from videoklub.core.timecode import timecode
from videoklub.courses.progress import MAX_ANSWER_LENGTH, Step
from videoklub.knowledge.presentation import LEVEL_LABELS


class CourseForm(WagtailAdminPageForm):
    school_levels = forms.MultipleChoiceField(
        label=_("school levels"),
        choices=list(LEVEL_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class StepAnswerForm(forms.Form):
    """The answer to one step; which fields it has depends on the step."""

    answer = forms.CharField(
        label=_("Your answer"),
        required=False,
        # The limit is checked, with a clear message, not cut off by the browser while typing.
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    choice = forms.TypedChoiceField(
        label=_("Your answer"), coerce=int, required=False, widget=forms.RadioSelect
    )
    share = forms.BooleanField(label=_("Share with my klub"), required=False)

    def __init__(self, *args: Any, step: Step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        if step.kind == "video":
            self._video_fields(step)
            return
        if step.is_choice:
            del self.fields["answer"]
            choice = self.fields["choice"]
            assert isinstance(choice, forms.TypedChoiceField)
            choice.choices = [(i, c["text"]) for i, c in enumerate(step.value["choices"])]
        else:
            del self.fields["choice"]
            if step.kind == "reflection":
                self.fields["answer"].label = _("Your reflection")
            if not step.answered:
                del self.fields["answer"]
        if step.kind != "reflection":
            del self.fields["share"]

    def _video_fields(self, step: Step) -> None:
        """One labelled text field per observation task, in time order."""
        for name in ("answer", "choice", "share"):
            del self.fields[name]
        for number, task in enumerate(step.tasks, start=1):
            self.fields[f"task_{task.id}"] = forms.CharField(
                label=_("Observation question %(number)s at %(time)s: %(question)s")
                % {"number": number, "time": timecode(task.at), "question": task.question},
                required=False,
                max_length=MAX_ANSWER_LENGTH,
                help_text=task.hint,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def task_fields(self) -> list[tuple[Any, Any]]:
        """(bound field, task) pairs: the template marks each field with its task's moment."""
        return [(self[f"task_{task.id}"], task) for task in self.step.tasks]

    def task_answers(self) -> dict[str, str]:
        return {
            name.removeprefix("task_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("task_")
        }

    @staticmethod
    def initial_from_answers(answers: dict[str, str]) -> dict[str, str]:
        return {f"task_{key}": value for key, value in answers.items()}

    def clean_answer(self) -> str:
        answer = self.cleaned_data["answer"]
        if self.step.required and not answer.strip():
            raise forms.ValidationError(_("Write your answer before you go on."))
        if len(answer) > MAX_ANSWER_LENGTH:
            raise forms.ValidationError(
                _("Keep your answer under %(limit)s characters (now %(length)s).")
                % {"limit": MAX_ANSWER_LENGTH, "length": len(answer)}
            )
        return answer

    def clean_choice(self) -> int:
        choice = self.cleaned_data["choice"]
        if choice in (None, ""):
            raise forms.ValidationError(_("Choose one of the answers."))
        return int(choice)


class TeamForm(forms.Form):
    """Take the course alone or with one of the learner's klubs (team mode)."""

    klub = forms.TypedChoiceField(
        label=_("Take this course"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _(
                "You are not a member of that klub. Choose one of your own klubs, or take the "
                "course on your own."
            )
        },
    )

    def __init__(self, *args: Any, klubs: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["klub"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            ("", _("on my own")),
            *((k.pk, _("with my klub %(name)s") % {"name": k.name}) for k in klubs),
        ]


SCALE = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(forms.Form):
    """The course's own questions: a scale of 1 (not at all) to 5 (very much) or open text."""

    def __init__(self, *args: Any, questions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for block in questions:
            name = f"q_{block.id}"
            if block.block_type == "scale":
                self.fields[name] = forms.TypedChoiceField(
                    label=str(block.value),
                    choices=SCALE,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose a score from 1 to 5.")},
                )
            else:
                self.fields[name] = forms.CharField(
                    label=str(block.value),
                    required=False,
                    max_length=MAX_ANSWER_LENGTH,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )

    def answers(self) -> dict[str, Any]:
        return {name.removeprefix("q_"): value for name, value in self.cleaned_data.items()}

    @staticmethod
    def initial_from(answers: dict[str, Any]) -> dict[str, Any]:
        return {f"q_{key}": value for key, value in answers.items()}
