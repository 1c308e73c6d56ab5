"""The task list as the tests read it: the ids of every row the filtered list holds."""

from django.urls import reverse

LIST = reverse("tracking:task_list")


def listed(client, user, **params):
    client.force_login(user)
    response = client.get(LIST, params)
    assert response.status_code == 200, response.context["filterset"].form.errors
    return list(response.context["page"].paginator.object_list.values_list("pk", flat=True))
