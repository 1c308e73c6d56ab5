from django.contrib import admin

from nhiemvu.directives.models import Directive, DirectiveAttachment, SecretEntry


class DirectiveAttachmentInline(admin.TabularInline):
    model = DirectiveAttachment
    extra = 0


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ["number_symbol", "issued_on", "doc_type", "issuer", "channel"]
    list_filter = ["doc_type", "channel"]
    search_fields = ["number_symbol", "summary", "issuer"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["issuer_unit"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [DirectiveAttachmentInline]


@admin.register(SecretEntry)
class SecretEntryAdmin(admin.ModelAdmin):
    """Even administrators see only the entries they are explicitly allowed to see."""

    list_display = ["number_symbol", "issued_on", "secrecy", "lead_unit", "due_on", "completed_on"]
    autocomplete_fields = ["lead_unit", "allowed_users"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)
