import factory

from matching.models import Invitation
from matching.services import invitation_accept
from tests.factories import ProfileFactory
from tests.needs.factories import NeedFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    need = factory.SubFactory(NeedFactory)
    specialist = factory.LazyAttribute(lambda o: ProfileFactory(specialization=o.need.specialization).user)
    message = "Would you join us?"


def engagement_for(invitation=None, **invitation_kwargs):
    """An engagement opened the front-door way: the invited specialist accepts."""
    invitation = invitation or InvitationFactory(**invitation_kwargs)
    invitation_accept(invitation=invitation, specialist=invitation.specialist)
    return invitation.engagement
