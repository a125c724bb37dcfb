"""The size limit of a shared document, enforced before the file is in memory or on disk.

Two checks, both before the view reads the file: the announced size of the request
(Content-Length, `announced_too_big`: the body is then not read at all), and the bytes
as they stream in (`AttachmentSizeLimit.receive_data_chunk`), so a request that lies
about its size cannot slip a bigger file through. The view explains either refusal.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils.datastructures import MultiValueDict

UPLOAD_URL_NAME = "steps:attachment_upload"
# Room for the multipart envelope and the form's other fields around the file.
ENVELOPE_BYTES = 64 * 1024


def announced_too_big(request) -> bool:
    length = request.META.get("CONTENT_LENGTH") or "0"
    return not length.isdigit() or int(length) > settings.ATTACHMENT_MAX_BYTES + ENVELOPE_BYTES


def _is_upload(request) -> bool:
    try:
        return resolve(request.path_info).view_name == UPLOAD_URL_NAME
    except Resolver404:
        return False


class AttachmentSizeLimit(FileUploadHandler):
    """Refuse a shared document above ATTACHMENT_MAX_BYTES; the request is marked
    (`request.attachment_too_big`) for the view to say so."""

    def __init__(self, request=None):
        super().__init__(request)
        self.active = request is not None and _is_upload(request)
        self.received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if self.active and announced_too_big(self.request):
            self.request.attachment_too_big = True
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        if self.active:
            self.received += len(raw_data)
            if self.received > settings.ATTACHMENT_MAX_BYTES:
                self.request.attachment_too_big = True
                raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
