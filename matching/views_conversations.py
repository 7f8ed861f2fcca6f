"""Conversations: the thread of an invitation (questions before acceptance, talk after) and its files.

The two parties read and write; a moderator reads only a flagged engagement's thread, audited; everyone
else gets 404. New messages arrive by htmx polling of the thread's partial: the pace of a conversation
is minutes, a poll is one indexed query, and the WSGI stack (gunicorn) needs no long-lived connections.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from topfreelancer.state import refusal_to_form
from vetting.uploads import content_type_for

from .forms import MessageForm
from .models import Conversation, Engagement, Invitation, Message
from .selectors import engagement_page
from .services import conversations as service

THREAD_LENGTH = 200  # the newest messages shown; older ones stay in the database


class Thread:
    """Who is looking at an invitation's conversation, and what they may do."""

    def __init__(self, request: HttpRequest, invitation: Invitation):
        user = request.user
        self.invitation = invitation
        self.engagement = Engagement.objects.filter(invitation=invitation).first()
        self.is_party = service.is_party(invitation, user)
        self.as_moderator = (
            not self.is_party
            and self.engagement is not None
            and self.engagement.help_requested_at is not None
            and user.is_moderator
        )
        if not (self.is_party or self.as_moderator):
            raise Http404
        self.is_customer = user.pk == invitation.need.customer_id
        self.can_write = self.is_party and service.is_open(invitation)
        if self.is_party:
            self.conversation = service.conversation_for(invitation=invitation)
        else:
            self.conversation = Conversation.objects.filter(invitation=invitation).first()

    def messages(self) -> list[Message]:
        if self.conversation is None:
            return []
        newest = self.conversation.messages.select_related("author").order_by("-created_at", "-pk")
        return list(newest[:THREAD_LENGTH])  # newest first: the list is drawn bottom-up (column-reverse)

    def seen_by(self, user) -> None:
        if self.is_party:
            service.conversation_mark_read(conversation=self.conversation, user=user)


def thread_context(request: HttpRequest, thread: Thread, form: MessageForm | None = None) -> dict:
    thread.seen_by(request.user)
    return {
        "thread": thread,
        "invitation": thread.invitation,
        "thread_messages": thread.messages(),
        "message_form": form or MessageForm(),
    }


def _invitation(pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related(
            "need__customer", "need__level", "need__specialization", "specialist__profile__level"
        ),
        pk=pk,
    )


@login_required
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    """The thread page; with htmx only its messages (the poll). Parties of an accepted invitation are
    sent to the engagement's page, where the same thread lives."""
    thread = Thread(request, _invitation(pk))
    if thread.engagement is not None and thread.is_party and not request.htmx:
        return redirect("matching:engagement", thread.engagement.pk)  # after acceptance it lives there
    if request.htmx:
        return render(request, "matching/_thread.html#messages", thread_context(request, thread))
    if thread.as_moderator:
        service.conversation_moderator_read(engagement=thread.engagement, moderator=request.user)
    return render(request, "matching/conversation.html", thread_context(request, thread))


@require_POST
@login_required
def message_create(request: HttpRequest, pk: int) -> HttpResponse:
    thread = Thread(request, _invitation(pk))
    if not thread.is_party:
        raise Http404
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            service.message_post(
                conversation=thread.conversation,
                author=request.user,
                body=form.cleaned_data["body"],
                attachment=form.cleaned_data["attachment"],
            )
        except ValidationError as error:
            refusal_to_form(form, error)
    if form.errors:
        context = thread_context(request, thread, form)
        if thread.engagement is not None:
            template = "matching/engagement_detail.html"
            context.update(engagement_page(engagement=thread.engagement, user=request.user))
        else:
            template = "matching/conversation.html"
        return render(request, template, context, status=400)
    if thread.engagement is not None:
        return redirect("matching:engagement", thread.engagement.pk)
    return redirect("matching:conversation", thread.invitation.pk)


@login_required
def message_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A message's file: the two parties, or a moderator of a flagged engagement; never a public URL."""
    message = get_object_or_404(Message.objects.exclude(attachment=""), pk=pk)
    thread = Thread(request, _invitation(message.conversation.invitation_id))
    if thread.as_moderator:
        service.conversation_moderator_read(engagement=thread.engagement, moderator=request.user)
    try:
        handle = message.attachment.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=message.original_name or message.attachment.name.rsplit("/", 1)[-1],
        content_type=content_type_for(message.attachment.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def engagement_help(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_object_or_404(Engagement.objects.for_user(request.user), pk=pk)
    service.engagement_request_help(engagement=engagement, actor=request.user)
    messages.success(request, _("Moderators are asked to help. They can now read this conversation."))
    return redirect("matching:engagement", engagement.pk)
