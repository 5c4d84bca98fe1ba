"""Mes justificatifs: one slot per required piece, its files, and « J'ai fourni toutes mes pièces »."""
import re

from flask import Blueprint, abort, current_app, flash, get_flashed_messages, request, send_from_directory
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

import dates
import mail
import storage
from models import ExamSession, Piece, Registration, Upload, db, declaration, review
from models.errors import NotAllowed
from models.pieces import MAX_FILES_PER_PIECE
from views.access import candidates_only
from views.errors import http_error_page
from views.page import render, see_other, wants_fragment

bp = Blueprint("uploads", __name__, url_prefix="/justificatifs")


# Staff only download files, from Gestion.
candidates_only(bp, staff_may=("uploads.download",))


def _limits():
    """What the page says of the files it accepts."""
    max_bytes = current_app.config["MAX_UPLOAD_BYTES"]
    return {"max_files": MAX_FILES_PER_PIECE, "max_size": storage.file_size(max_bytes), "max_bytes": max_bytes,
            "too_big": storage.too_big_message(max_bytes),
            "too_big_photo": storage.too_big_message(max_bytes, storage.JPEG),
            "too_big_pdf": storage.too_big_message(max_bytes, storage.PDF)}


def _registration():
    """The candidate's registration to the current session, or None."""
    session = ExamSession.current()
    return Registration.for_account(current_user.id, session) if session else None


def _page(status=200, piece_id=None, errors=None, **context):
    """The whole page, or for an htmx swap the slot of ``piece_id`` and the declaration."""
    registration = _registration()
    pieces = Piece.read_files(Piece.for_registration(registration)) if registration else []
    for piece in pieces:
        piece.registration = registration  # one registration and session for every slot
    piece = next((p for p in pieces if p.id == piece_id), None)
    if piece_id is not None and piece is None:
        abort(404)
    blockers = declaration.blockers(registration, pieces=pieces) if registration else []
    zone = registration.session.timezone if registration else "Europe/Paris"
    return render("uploads/page.html", "uploads/_slot.html" if piece else None, status=status,
                  registration=registration, pieces=pieces, piece=piece, errors=errors or {},
                  blockers=blockers, zone=zone, **_limits(), **context)


@bp.get("/", defaults={"piece_id": None})
@bp.get("/pieces/<int:piece_id>")
def home(piece_id):
    """Mes justificatifs (or, for htmx, one piece's slot)."""
    notices = get_flashed_messages(with_categories=True) if piece_id and wants_fragment() else []
    return _page(piece_id=piece_id, notices=notices)


@bp.post("/pieces/<int:piece_id>/ajouter")
def add(piece_id):
    """Ajouter: keep one file for a piece, once checked by its content."""
    piece = Piece.of_account(piece_id, current_user.id) or abort(404)
    refusal = piece.upload_refusal()
    if refusal:
        return _page(422, piece.id, {piece.id: refusal})
    upload = request.files.get("fichier")
    if upload is None or not upload.filename:
        return _page(422, piece.id, {piece.id: "Choisissez un fichier (PDF, photo JPEG ou image PNG), "
                                                 "puis cliquez sur « Ajouter »."})
    folder = current_app.config["UPLOAD_FOLDER"]
    try:
        stored = storage.store(upload, folder, current_app.config["MAX_UPLOAD_BYTES"])
    except storage.Refused as refused:
        return _page(refused.status, piece.id, {piece.id: refused.message})
    name = storage.download_name(upload.filename, stored.content_type)
    try:
        upload = piece.add_upload(stored, name)
    except NotAllowed as refused:
        storage.discard(folder, stored.stored_name)
        return _page(422, piece.id, {piece.id: refused.message})
    flash(f"Fichier « {name} » ajouté ({storage.file_size(stored.size)}).", "success")
    twin = upload.same_content_elsewhere()
    if twin is not None:
        where = "cette pièce" if twin.id == piece.id else f"la pièce « {twin.label} »"
        flash(f"Attention : ce fichier est identique à un fichier déjà déposé pour {where}. Vérifiez que c'est "
              "bien le bon document ; sinon, supprimez-le.", "warning")
    return see_other("uploads.home", piece_id=piece.id, _anchor=f"piece-{piece.id}")


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A file over the limit sent without JavaScript: Mes justificatifs again, the advice in the piece's slot."""
    piece_id = (request.view_args or {}).get("piece_id")
    piece = (request.endpoint == "uploads.add" and current_user.is_authenticated and not current_user.is_staff
             and Piece.of_account(piece_id, current_user.id))
    if not piece:
        return http_error_page(error)
    advice = storage.too_big_message(current_app.config["MAX_UPLOAD_BYTES"], _sent_kind())
    return _page(413, piece.id, {piece.id: f"{advice} Les fichiers déjà déposés sont conservés."})


def _sent_kind():
    """What the refused file looks like, from the start of the raw body (never parsed: it is too large)."""
    try:
        head = request.environ["wsgi.input"].read(64 * 1024)
    except (KeyError, OSError, ValueError):
        return None
    part = re.search(rb'name="fichier"; filename="([^"\r\n]*)"\r\n(?:[^\r\n]+\r\n)*\r\n', head)
    if not part:
        return None
    return storage.kind_of_head(head[part.end():part.end() + 16], part.group(1).decode("utf-8", "replace"))


def _change_file(upload_id, change, done, category):
    """``change`` one of the candidate's files (its piece's slot says why not), then back to its slot saying ``done``."""
    upload = Upload.of_account(upload_id, current_user.id, removed=True) or abort(404)
    try:
        change(upload)
    except NotAllowed as refused:
        return _page(422, upload.piece_id, {upload.piece_id: refused.message})
    flash(f"Fichier « {storage.download_name(upload.original_name, upload.content_type)} » {done}.", category)
    return see_other("uploads.home", piece_id=upload.piece_id, _anchor=f"piece-{upload.piece_id}")


@bp.post("/fichiers/<int:upload_id>/supprimer")
def remove(upload_id):
    """Supprimer: the file leaves a piece not yet validated nor declared, and can come back for a few minutes."""
    # sweep-uploads deletes the row and the file once « Annuler la suppression » is no longer offered.
    return _change_file(upload_id, Upload.remove, "supprimé", "info")


@bp.post("/fichiers/<int:upload_id>/annuler-la-suppression")
def restore(upload_id):
    """Annuler la suppression: the file removed a few minutes ago is back in its piece."""
    return _change_file(upload_id, Upload.restore, "remis", "success")


@bp.get("/fichiers/<int:upload_id>")
def download(upload_id):
    """A file, to its candidate and to staff only, always as a download that cannot run."""
    if current_user.is_staff:
        upload = review.upload(current_user, upload_id)
    else:
        upload = Upload.of_account(upload_id, current_user.id)
    if upload is None:
        abort(404)
    response = send_from_directory(current_app.config["UPLOAD_FOLDER"], upload.stored_name,
                                   mimetype=upload.content_type, conditional=False, as_attachment=True,
                                   download_name=storage.download_name(upload.original_name, upload.content_type))
    # Even opened in the browser, the file may run nothing of ours (nosniff and no-store: views/security.py).
    response.headers["Content-Security-Policy"] = "sandbox"
    return response


@bp.post("/declarer")
def declare():
    """J'ai fourni toutes mes pièces: record it and send an acknowledgement."""
    registration = _registration() or abort(404)
    try:
        with db.atomic():
            made = declaration.declare(registration)
            if made:
                registration = Registration.get_by_id(registration.id)
                mail.send(current_user.email, "pieces_declared", registration=registration,
                          pieces=list(Piece.for_registration(registration)),
                          declared_at=dates.long_datetime(registration.pieces_declared_at,
                                                          registration.session.timezone))
    except NotAllowed as refused:
        return _page(422, declaration_error=refused.message)
    if made:
        flash("C'est noté : vous avez déclaré avoir fourni toutes vos pièces. Un accusé de réception vous a été "
              "envoyé par courriel.", "success")
    return see_other("uploads.home")
