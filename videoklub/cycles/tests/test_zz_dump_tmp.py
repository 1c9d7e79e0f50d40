from django.urls import reverse
from videoklub.cycles.models import Action, Phase
from videoklub.testing.factories import CycleFactory, RecordingFactory

def test_dump(client, world):
    c = CycleFactory(teacher=world.teacher, klub=world.klub, phase=Phase.ACT)
    RecordingFactory(owner=world.teacher, cycle=c)
    Action.objects.create(cycle=c, description="Denktijd", success_criterion="Handen")
    client.cookies["videoklub_language"] = "en"
    client.force_login(world.teacher)
    html = client.get(reverse("cycles:detail", args=[c.pk])).content.decode()
    open("/tmp/cycles_detail.html", "w").write(html[html.index("<main"):html.index("</main>")])
    html = client.get(reverse("cycles:question", args=[c.pk, 6])).content.decode()
    open("/tmp/cycles_q6.html", "w").write(html[html.index("<main"):html.index("</main>")])
    client.force_login(world.coach)
    html = client.get(reverse("cycles:board", args=[world.klub.pk])).content.decode()
    open("/tmp/cycles_board.html", "w").write(html[html.index("<main"):html.index("</main>")])
