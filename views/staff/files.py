"""A piece's files shown on the review page: images as they are, PDFs as pictures of their pages.

Both are served with ``Content-Security-Policy: sandbox`` and ``nosniff``:
whatever a candidate's file holds, it runs nothing in a staff browser.
"""
from pathlib import Path

from flask import Response, abort, current_app, send_from_directory
from flask_login import current_user

import preview
import storage
from models import review
from views.staff import bp


def upload_or_404(upload_id):
    """The file ``upload_id`` if the staff member reviews its registration (another pôle's is not found)."""
    return review.upload(current_user, upload_id) or abort(404)


def inert(response):
    """Nothing in a candidate's file runs in a staff browser (nosniff and no-store come with every response)."""
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@bp.get("/fichiers/<int:upload_id>/image")
def file_image(upload_id):
    """A photo or scan (JPEG or PNG, re-encoded when it was stored), inline."""
    upload = upload_or_404(upload_id)
    if upload.content_type not in (storage.JPEG.content_type, storage.PNG.content_type):
        abort(404)
    return inert(send_from_directory(current_app.config["UPLOAD_FOLDER"], upload.stored_name,
                                     mimetype=upload.content_type, conditional=False))


@bp.get("/fichiers/<int:upload_id>/pages/<int:number>")
def file_page(upload_id, number):
    """Page ``number`` of a PDF, drawn on the server as a JPEG image."""
    upload = upload_or_404(upload_id)
    if upload.content_type != storage.PDF.content_type:
        abort(404)
    image = preview.page_image(Path(current_app.config["UPLOAD_FOLDER"]) / upload.stored_name, number)
    if image is None:
        abort(404)
    return inert(Response(image, mimetype="image/jpeg"))
