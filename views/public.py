"""Public pages: the session and its dates, the steps of the notice, the contacts,
and « Quelles pièces devrai-je fournir ? » for anyone, without an account."""
from flask import Blueprint, request, session

from forms.public import PiecesQuestionsForm
from models import ExamSession, catalogue
from views.page import invalid, render

bp = Blueprint("public", __name__)

# The simulator's answers, kept in the (signed) session cookie until M'inscrire prefills its steps with them.
SIMULATOR_ANSWERS = "quelles_pieces"


@bp.get("/")
def home():
    """The home page: the session, its dates and state, the steps of the notice, the contacts."""
    exam_session = ExamSession.current()
    poles = catalogue.of(exam_session).poles if exam_session else []
    return render("public/home.html", exam_session=exam_session, poles=poles)


@bp.get("/quelles-pieces")
def which_pieces():
    """« Quelles pièces devrai-je fournir ? »: the current session's rules applied to a few answers."""
    exam_session = ExamSession.current()
    if exam_session is None:
        return render("public/which_pieces.html", exam_session=None)
    known = catalogue.of(exam_session)
    exams = known.exams
    form = PiecesQuestionsForm(request.args, exam_session, exams)
    context = {"exam_session": exam_session, "form": form, "pieces": None}
    if not request.args:
        return render("public/which_pieces.html", **context)
    if not form.validate():
        return invalid("public/which_pieces.html", **context)
    context["pieces"] = known.required_pieces(form.facts(exam_session, exams))
    session[SIMULATOR_ANSWERS] = form.answers(exams)
    return render("public/which_pieces.html", **context)
