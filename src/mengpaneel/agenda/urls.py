from django.urls import path

from mengpaneel.agenda import views

app_name = "agenda"

urlpatterns = [
    path("trios/<int:pk>/casus/", views.case_edit, name="case_edit"),
    path(
        "trios/<int:pk>/samenhang/<int:rule_pk>/op-de-agenda/",
        views.rule_add,
        name="rule_add",
    ),
]
