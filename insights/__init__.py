"""Operator insights (issue 15): Rasa's events out through RabbitMQ into an analytics
table, and a self-contained HTML report of what people ask and what the article
could not answer. See docs/insights.md."""
