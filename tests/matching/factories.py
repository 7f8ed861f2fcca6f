import factory

from matching.models import Invitation
from tests.factories import ProfileFactory
from tests.needs.factories import NeedFactory


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    need = factory.SubFactory(NeedFactory)
    specialist = factory.LazyAttribute(lambda o: ProfileFactory(specialization=o.need.specialization).user)
    message = "Would you join us?"
