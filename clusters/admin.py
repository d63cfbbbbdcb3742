"""Clusters and blocs. Election votes are deliberately not registered: the ballot is secret."""

from django.contrib import admin

from .models import Criterion, EmulationGroup, GroupMember, Pact, ScoringSheet


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(EmulationGroup)
class EmulationGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "kind", "head", "deputy")
    list_filter = ("year", "kind")
    search_fields = ("name",)
    inlines = [GroupMemberInline]
    autocomplete_fields = ["head", "deputy"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(ScoringSheet)
class ScoringSheetAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "group", "status")
    list_filter = ("year", "status")
    inlines = [CriterionInline]


@admin.register(Pact)
class PactAdmin(admin.ModelAdmin):
    list_display = ("title", "group")
