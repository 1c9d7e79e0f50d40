from django.contrib import admin

from videoklub.cycles.models import (
    Action,
    CoachingVisit,
    CorePractice,
    Cycle,
    LearningQuestion,
    QuestionComment,
    Reflection,
)


@admin.register(CorePractice)
class CorePracticeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    ordering = ["order"]


class LearningQuestionInline(admin.StackedInline):
    model = LearningQuestion
    extra = 0


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "teacher", "klub", "phase", "created_at", "last_activity_at"]
    list_filter = ["phase", "core_practice"]
    search_fields = ["teacher__email", "teacher__full_name", "klub__name"]
    raw_id_fields = ["teacher", "klub", "previous"]
    inlines = [LearningQuestionInline]


@admin.register(QuestionComment)
class QuestionCommentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "cycle", "author", "created_at"]
    raw_id_fields = ["cycle", "author"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "cycle", "status", "due_on"]
    list_filter = ["status"]
    raw_id_fields = ["cycle", "created_by", "meeting"]


@admin.register(Reflection)
class ReflectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "cycle", "author", "created_at"]
    raw_id_fields = ["cycle", "author"]


@admin.register(CoachingVisit)
class CoachingVisitAdmin(admin.ModelAdmin):
    list_display = ["__str__", "coach", "teacher", "klub", "visited_on"]
    list_filter = ["kind"]
    raw_id_fields = ["coach", "teacher", "klub"]
