"""Content requests in the Wagtail admin: the snippet listing (filters, export), the
forms, "Start the draft" and the "My content requests" panel of the admin home."""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_admin_base_url
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

from .. import content_requests
from ..forms import IdModelChoiceField
from ..ids import parse_id
from ..models import CategoryPage, ContentGap, ContentRequest, HelpCenterPage
from ..visibility import get_visibility, visibility_for_user
from .dashboard import may_see_dashboard
from .filters import ModelChoiceFilter
from .reports import spreadsheet_safe

DASHBOARD_LIMIT = 10
permission_policy = ModelPermissionPolicy(ContentRequest)


def admin_users():
    """Accounts that can sign in to the Wagtail admin: who may be assigned a request."""
    permissions = Permission.objects.filter(
        codename="access_admin", content_type__app_label="wagtailadmin"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permissions)
            | Q(user_permissions__in=permissions)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def user_name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


class UserChoiceField(IdModelChoiceField):
    def label_from_instance(self, obj):
        return user_name(obj)


class PageChooser(AdminPageChooser):
    """Wagtail's page chooser, showing a form sent back with a value that is no page id
    (a typed "abc") as empty instead of failing on it. With a ``queryset``, it names only
    pages in it: a form sent back with the id of a page the user may not see does not
    show that page's title."""

    queryset = None

    def get_instance(self, value):
        if value is not None and not isinstance(value, Page) and parse_id(value, Page) is None:
            return None
        if self.queryset is not None and value is not None:
            page_id = value.pk if isinstance(value, Page) else parse_id(value, Page)
            page = self.queryset.filter(pk=page_id).first()
            return page.specific if page else None
        return super().get_instance(value)


class HiddenPageInput(forms.HiddenInput):
    """A linked page the reader of the form may not see: not named, and kept as it is
    (the field is disabled, so a posted value is ignored)."""

    template_name = "wagtail_helpcenter/admin/content_requests/hidden_page_input.html"


class GapInput(forms.HiddenInput):
    """The gap a request came from: kept in a hidden input and named by its number only
    (its question may be about a page the reader of the form may not see)."""

    template_name = "wagtail_helpcenter/admin/content_requests/gap_input.html"


class ContentRequestForm(WagtailAdminModelForm):
    help_center = IdModelChoiceField(
        queryset=HelpCenterPage.objects.all(),
        label=gettext_lazy("help center"),
        widget=PageChooser(target_models=[HelpCenterPage]),
    )
    assignee = UserChoiceField(
        queryset=admin_users(),
        required=False,
        label=gettext_lazy("assignee"),
        help_text=ContentRequest._meta.get_field("assignee").help_text,
    )
    page = IdModelChoiceField(
        queryset=Page.objects.all(),
        required=False,
        label=gettext_lazy("page"),
        help_text=ContentRequest._meta.get_field("page").help_text,
        widget=PageChooser(),
    )
    # Set by "Request an article" in the content gap queue.
    gap = IdModelChoiceField(
        queryset=ContentGap.objects.select_related("help_center", "page"),
        required=False,
        label=gettext_lazy("content gap"),
        help_text=gettext_lazy("Set by “Request an article” in the content gap queue."),
        widget=GapInput,
    )

    def __init__(self, *args, visibility=None, **kwargs):
        super().__init__(*args, **kwargs)
        if visibility is None:
            visibility = visibility_for_user(self.for_user)
        self._limit_page_to_visible(visibility)

    def _limit_page_to_visible(self, visibility):
        """The page field accepts and names only pages the user may see. A linked page
        they may not see stays linked, unnamed (their edits cannot drop it)."""
        field = self.fields["page"]
        linked = self.instance.page if self.instance.page_id else None
        if linked is not None and not visibility.can_view(linked):
            field.queryset = Page.objects.filter(pk=linked.pk)
            field.disabled = True
            field.widget = HiddenPageInput()
            return
        field.queryset = visibility.filter(Page.objects.all())
        field.widget.queryset = field.queryset

    def clean_gap(self):
        gap = self.cleaned_data["gap"]
        if gap is not None and not may_use_gap(self.for_user, gap):
            raise forms.ValidationError(_("You may not see this content gap."))
        return gap


def may_use_gap(user, gap):
    return may_see_dashboard(user) and content_requests.may_see_gap(user, gap)


def _gap_from_query(request):
    """The gap named by ``?gap=``, or an error message."""
    gap_id = parse_id(request.GET.get("gap", ""), ContentGap)
    gap = (
        ContentGap.objects.select_related("help_center", "page").filter(pk=gap_id).first()
        if gap_id
        else None
    )
    if gap is None or not may_use_gap(request.user, gap):
        return None, _("This content gap does not exist, or you may not see it.")
    return gap, None


class VisibilityFormMixin:
    """Gives the form what this request may see, as the listing has it."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "visibility": get_visibility(self.request)}


class ContentRequestCreateView(VisibilityFormMixin, CreateView):
    def get_initial_form_instance(self):
        return ContentRequest(requested_by=self.request.user)

    def get_initial(self):
        initial = super().get_initial()
        self.gap_error = None
        if "gap" in self.request.GET:
            gap, self.gap_error = _gap_from_query(self.request)
            if gap is not None:
                initial.update(content_requests.initial_from_gap(gap))
        return initial

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.gap_error:
            messages.error(request, self.gap_error)
            # The form shows, empty: nothing is lost, and the message says why.
            response = super().get(request, *args, **kwargs)
            response.status_code = 400
        return response

    def save_instance(self):
        instance = super().save_instance()
        content_requests.assignment_saved(instance, None, self.request.user, _base_url(self))
        return instance


class ContentRequestEditView(VisibilityFormMixin, EditView):
    def save_instance(self):
        previous = (
            ContentRequest.objects.filter(pk=self.object.pk)
            .values_list("assignee_id", flat=True)
            .first()
        )
        instance = super().save_instance()
        content_requests.assignment_saved(instance, previous, self.request.user, _base_url(self))
        return instance


def _base_url(view):
    return get_admin_base_url() or view.request.build_absolute_uri("/")


class ContentRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=ContentRequest.Status.choices
    )
    assignee = ModelChoiceFilter(label=gettext_lazy("Assignee"), queryset=admin_users())
    help_center = ModelChoiceFilter(
        label=gettext_lazy("Help center"), queryset=HelpCenterPage.objects.all()
    )
    # A choice, not a BooleanFilter: a value that is neither gets "Select a valid choice"
    # instead of being ignored.
    overdue = django_filters.ChoiceFilter(
        label=gettext_lazy("Overdue"),
        method="filter_overdue",
        choices=[("true", gettext_lazy("Overdue")), ("false", gettext_lazy("Not overdue"))],
    )

    class Meta:
        model = ContentRequest
        fields = ["status", "assignee", "help_center"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(due_date__lt=timezone.localdate()) & ~Q(status__in=ContentRequest.CLOSED)
        return queryset.filter(overdue if value == "true" else ~overdue)


class DueDateColumn(Column):
    cell_template_name = "wagtail_helpcenter/admin/content_requests/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.is_overdue
        return context


class PageColumn(Column):
    """The draft, if the viewer may see it; else "Start the draft" for who may."""

    cell_template_name = "wagtail_helpcenter/admin/content_requests/page_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        page = instance.page
        context["page"] = page if page and get_visibility(request).can_view(page) else None
        if page is None and instance.is_open and may_change(request):
            context["categories"] = categories_by_help_center(request).get(
                instance.help_center_id, []
            )
        return context


def may_change(request):
    if not hasattr(request, "_hc_may_change_requests"):
        request._hc_may_change_requests = permission_policy.user_has_permission(
            request.user, "change"
        )
    return request._hc_may_change_requests


def categories_by_help_center(request):
    """``{help center id: [categories]}`` for "Start the draft": those the user may see
    and add an article to, in one query a request."""
    if not hasattr(request, "_hc_request_categories"):
        help_centers = sorted(HelpCenterPage.objects.only("path"), key=lambda hc: -hc.depth)
        categories = content_requests.draft_categories(
            CategoryPage.objects.order_by("path").only("title", "path", "depth", "content_type"),
            request.user,
            get_visibility(request),
        )
        by_help_center = {}
        for category in categories:
            owner = next((hc for hc in help_centers if category.path.startswith(hc.path)), None)
            if owner is not None:
                by_help_center.setdefault(owner.pk, []).append(category)
        request._hc_request_categories = by_help_center
    return request._hc_request_categories


EXPORT_HEADINGS = {
    "title": gettext_lazy("Title"),
    "reason": gettext_lazy("Why it is needed"),
    "status": gettext_lazy("Status"),
    "help_center": gettext_lazy("Help center"),
    "requested_by": gettext_lazy("Requested by"),
    "assignee": gettext_lazy("Assignee"),
    "due_date": gettext_lazy("Due date"),
    "overdue": gettext_lazy("Overdue"),
    "page": gettext_lazy("Page"),
    "created_at": gettext_lazy("Created at"),
}


class ContentRequestIndexView(IndexView):
    default_ordering = "due_date"

    def order_queryset(self, queryset):
        # Requests without a due date come last, on every database.
        if self.ordering == "due_date":
            return queryset.order_by(F("due_date").asc(nulls_last=True), "pk")
        if self.ordering == "-due_date":
            return queryset.order_by(F("due_date").desc(nulls_last=True), "-pk")
        return super().order_queryset(queryset)

    def to_row_dict(self, item):
        page = item.page
        visible = page is not None and get_visibility(self.request).can_view(page)
        return {
            "title": item.title,
            "reason": item.reason,
            "status": str(item.get_status_display()),
            "help_center": item.help_center.title,
            "requested_by": user_name(item.requested_by),
            "assignee": user_name(item.assignee),
            "due_date": item.due_date,
            "overdue": _("Overdue") if item.is_overdue else "",
            "page": page.title if visible else "",
            "created_at": item.created_at,
        }

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return spreadsheet_safe(value) if export_format == self.FORMAT_CSV else value


class ContentRequestViewSet(SnippetViewSet):
    model = ContentRequest
    index_view_class = ContentRequestIndexView
    add_view_class = ContentRequestCreateView
    edit_view_class = ContentRequestEditView
    icon = "form"
    menu_label = gettext_lazy("Content requests")
    menu_name = "helpcenter-content-requests"
    add_to_admin_menu = False
    filterset_class = ContentRequestFilterSet
    search_fields = ["title", "reason"]
    list_display = [
        "title",
        Column("assignee", label=gettext_lazy("Assignee"),
               accessor=lambda row: user_name(row.assignee)),
        DueDateColumn("due_date", label=gettext_lazy("Due date"), sort_key="due_date"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display",
               sort_key="status"),
        Column("help_center", label=gettext_lazy("Help center"), accessor="help_center.title"),
        PageColumn("page", label=gettext_lazy("Page")),
    ]  # fmt: skip
    list_export = list(EXPORT_HEADINGS)
    export_headings = EXPORT_HEADINGS
    export_filename = "content-requests"
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("reason"),
            FieldPanel("help_center"),
            FieldPanel("assignee"),
            FieldPanel("due_date"),
            FieldPanel("status"),
            FieldPanel("page"),
            FieldPanel("gap"),
        ],
        base_form_class=ContentRequestForm,
    )

    def get_queryset(self, request):
        return ContentRequest.objects.select_related(
            "help_center", "assignee", "requested_by", "page"
        )


@require_POST
def start_draft_view(request, request_id):
    """The "Start the draft" action: a draft article for the request, in a category the user picks
    (else the help center's first), then Wagtail's page editor."""
    if not permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    content_request = get_object_or_404(
        ContentRequest.objects.select_related("help_center", "gap"),
        pk=parse_id(str(request_id), ContentRequest) or 0,
    )
    listing = reverse("wagtailsnippets_wagtail_helpcenter_contentrequest:list")
    if content_request.page_id is not None:
        messages.error(request, _("This request has its page already."))
        return redirect(listing)
    if not content_request.is_open:
        messages.error(request, _("This request is closed: reopen it to start a draft."))
        return redirect(listing)
    in_help_center = content_requests.categories_of(content_request.help_center)
    visibility = get_visibility(request)
    categories = content_requests.draft_categories(in_help_center, request.user, visibility)
    if not categories and visibility.filter(in_help_center).exists():
        raise PermissionDenied  # may add an article nowhere in this help center
    raw = request.POST.get("category", "")
    if raw:
        # One the user may not see or add to is refused as if it were not there.
        chosen = parse_id(raw, CategoryPage)
        category = next((c for c in categories if c.pk == chosen), None)
    else:
        category = categories[0] if categories else None
    if category is None:
        messages.error(request, _("Choose a category of this help center for the article."))
        return redirect(listing)
    article = content_requests.start_draft(content_request, category, request.user)
    messages.success(
        request,
        _("Draft “%(title)s” created: write it, then submit it for review or publish.")
        % {"title": article.title},
    )
    return redirect("wagtailadmin_pages:edit", article.pk)


class MyContentRequestsPanel(Component):
    """Admin home panel: the open requests assigned to this user, soonest due first."""

    name = "helpcenter_my_content_requests"
    template_name = "wagtail_helpcenter/admin/home/my_content_requests.html"
    order = 235

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        mine = content_requests.assigned_to(request.user)
        rows = list(mine[: DASHBOARD_LIMIT + 1])
        visibility = get_visibility(request)
        today = timezone.localdate()
        return {
            "rows": [
                {
                    "request": row,
                    "overdue": row.is_overdue_on(today),
                    "page": row.page if row.page and visibility.can_view(row.page) else None,
                }
                for row in rows[:DASHBOARD_LIMIT]
            ],
            "more": len(rows) > DASHBOARD_LIMIT,
            "listing_url": reverse("wagtailsnippets_wagtail_helpcenter_contentrequest:list")
            + f"?assignee={request.user.pk}",
            "heading": _("My content requests"),
        }


def request_panel_is_shown(user):
    return permission_policy.user_has_any_permission(user, ["change", "view"])
