from django import forms
from django.contrib import admin

from nhiemvu.adminsite import ModelAdmin
from nhiemvu.directives import services
from nhiemvu.directives.attachments import check_upload
from nhiemvu.directives.models import Directive, DirectiveAttachment, SecretEntry


class DirectiveAttachmentForm(forms.ModelForm):
    """The same check as attachments.attach_file: allowed type, signature and size."""

    class Meta:
        model = DirectiveAttachment
        fields = ["file", "name"]

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            self.instance.content_type = check_upload(uploaded)
            self.instance.size = uploaded.size
        return uploaded


class DirectiveAttachmentInline(admin.TabularInline):
    model = DirectiveAttachment
    form = DirectiveAttachmentForm
    extra = 0
    readonly_fields = ["content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(Directive)
class DirectiveAdmin(ModelAdmin):
    list_display = ["number_symbol", "issued_on", "doc_type", "issuer", "channel"]
    list_filter = ["doc_type", "channel"]
    search_fields = ["number_symbol", "summary", "issuer"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["issuer_unit", "receiving_unit"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [DirectiveAttachmentInline]

    def save_formset(self, request, form, formset, change):
        for attachment in formset.save(commit=False):
            if attachment.uploaded_by_id is None:
                attachment.uploaded_by = request.user
            attachment.save()
        for attachment in formset.deleted_objects:
            attachment.delete()


@admin.register(SecretEntry)
class SecretEntryAdmin(ModelAdmin):
    """Even administrators see only the entries they are explicitly allowed to see, and
    nothing at all when the register is kept on paper (SECRET_REGISTER_ENABLED=false).

    Lines are added and edited in the app (/so-mat/, directives.services.save_secret_entry);
    here they are only read and deleted. Django's delete confirmations of other objects (a
    unit, a user) list them unlinked and by their neutral __str__ (unlinked_in_deletion_lists).
    """

    list_display = ["number_symbol", "issued_on", "secrecy", "lead_unit", "due_on", "completed_on"]
    unlinked_in_deletion_lists = True

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_module_permission(self, request):
        return services.secret_register_enabled() and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return services.secret_register_enabled() and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return services.secret_register_enabled() and super().has_delete_permission(request, obj)
