"""A course's content as Wagtail blocks: modules of steps, and its feedback questions.

Every step is a child of a StreamBlock, so Wagtail gives it a stable id (a uuid kept in the
stored JSON across edits and revisions): learners' progress is keyed on it, never on a
position, so editors may add, move or reword steps without losing anyone's answers.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from videoklub.knowledge.models import TEXT_FEATURES


class TextStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    body = blocks.RichTextBlock(label=_("text"), features=TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("text")


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"))
    correct = blocks.BooleanBlock(label=_("correct"), required=False)
    feedback = blocks.TextBlock(label=_("feedback"), required=False)


class QuestionStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    prompt = blocks.TextBlock(label=_("question"))
    question_type = blocks.ChoiceBlock(
        label=_("kind of question"),
        choices=[("open", _("open")), ("choice", _("multiple choice"))],
        default="open",
    )
    required = blocks.BooleanBlock(label=_("required"), required=False, default=True)
    choices = blocks.ListBlock(ChoiceBlock(), label=_("choices"), default=[])
    model_answer = blocks.RichTextBlock(
        label=_("model answer"), features=TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "help"
        label = _("question")


class ReflectionStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    prompt = blocks.TextBlock(label=_("assignment"))
    guidance = blocks.RichTextBlock(label=_("guidance"), features=TEXT_FEATURES, required=False)
    required = blocks.BooleanBlock(label=_("required"), required=False, default=True)

    class Meta:
        icon = "edit"
        label = _("reflection")


class DiscussionStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    prompt = blocks.TextBlock(label=_("discussion prompt"))
    guidance = blocks.RichTextBlock(label=_("guidance"), features=TEXT_FEATURES, required=False)

    class Meta:
        icon = "group"
        label = _("klub discussion")


class ObservationTaskBlock(blocks.StructBlock):
    at = blocks.FloatBlock(label=_("at (seconds)"), min_value=0)
    question = blocks.TextBlock(label=_("question"))
    hint = blocks.CharBlock(label=_("hint"), required=False)


class VideoStepBlock(blocks.StructBlock):
    """An expert video of the kennisbank watched with observation tasks: the player pauses at
    each task's moment and asks its question; the step is done when every task is answered."""

    title = blocks.CharBlock(label=_("title"))
    intro = blocks.RichTextBlock(label=_("introduction"), features=TEXT_FEATURES, required=False)
    video = blocks.PageChooserBlock(label=_("video"), page_type="knowledge.VideoPage")
    # Each task keeps a stable id in the stored JSON (ListBlock): answers are keyed on it.
    tasks = blocks.ListBlock(ObservationTaskBlock(), label=_("observation tasks"), default=[])

    class Meta:
        icon = "media"
        label = _("video with observation tasks")


class ModuleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    intro = blocks.RichTextBlock(label=_("introduction"), features=TEXT_FEATURES, required=False)
    steps = blocks.StreamBlock(
        [
            ("text", TextStepBlock()),
            ("question", QuestionStepBlock()),
            ("reflection", ReflectionStepBlock()),
            ("discussion", DiscussionStepBlock()),
            ("video", VideoStepBlock()),
        ],
        label=_("steps"),
    )

    class Meta:
        icon = "list-ul"
        label = _("module")


FEEDBACK_BLOCKS = [
    ("scale", blocks.CharBlock(label=_("question on a scale of 1 to 5"), icon="order")),
    ("open", blocks.CharBlock(label=_("open question"), icon="openquote")),
]
