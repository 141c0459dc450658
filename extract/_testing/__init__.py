"""Test helpers that ship with assay: a real-HTTP fake OpenAI-compatible server."""

from extract._testing.fake_openai import FakeOpenAIServer, article_text, minimal_instance

__all__ = ["FakeOpenAIServer", "article_text", "minimal_instance"]
