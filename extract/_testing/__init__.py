"""Test helpers that ship with assay: a real-HTTP fake OpenAI-compatible server.

Owns the server (``fake_openai``: HTTP, scripted faults) and the answers it
sends (``responses``: chat completions, minimal tool arguments, content faults).
"""

from extract._testing.fake_openai import FakeOpenAIServer
from extract._testing.responses import article_text, minimal_instance

__all__ = ["FakeOpenAIServer", "article_text", "minimal_instance"]
