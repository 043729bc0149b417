"""The site's quicker Context.call passes the same arguments Jinja's own does."""
from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment, pass_context, pass_environment, pass_eval_context

from bilateral.render import SiteContext, SiteEnvironment
from bilateral.urls import Urls


class Helper:
    @pass_context
    def seen(self, context, name):
        return f"{name}={context.get(name)}"

    def plain(self, text):
        return text.upper()


@pass_context
def from_context(context, name):
    return f"{name}={context.get(name)}"


@pass_environment
def from_environment(environment, text):
    return f"{environment.autoescape}:{text}"


@pass_eval_context
def autoescaping(eval_ctx):
    return str(eval_ctx.autoescape)


class CallableWithContext:
    @pass_context
    def __call__(self, context):
        return f"page={context.get('page')}"


def stops():
    raise StopIteration


TEMPLATES = {
    "base.html": "{% block main %}{% endblock %}",
    "page.html": """{% extends "base.html" %}
{% macro box(x) %}[{{ x }}{% if caller is defined %}|{{ caller() }}{% endif %}]{% endmacro %}
{% block main %}{% set local = 'block' %}
{{ from_context('page') }} {{ from_context('local') }} {{ helper.seen('local') }}
{% for item in ['a', 'b'] %}{% set kept = item %}{{ from_context('kept') }} {{ helper.seen('kept') }} {{ box(item) }}{% endfor %}
{% call box('outer') %}{{ helper.plain('inner') }}{% endcall %}
{{ from_environment('x') }} {{ autoescaping() }} {{ callable_with_context() }}
{{ 'abc'.startswith('a') }} {{ url('people/') }} {{ stops() is undefined }}
{{ {'k': 1}.get('k') }} {{ helper.plain(text='kw') }}
{% endblock %}""",
}
GLOBALS = dict(from_context=from_context, from_environment=from_environment,
               autoescaping=autoescaping, callable_with_context=CallableWithContext(),
               helper=Helper(), stops=stops, url=Urls("/sub/"))


def render(environment_class) -> str:
    env = environment_class(loader=DictLoader(TEMPLATES), autoescape=True)
    env.globals.update(GLOBALS)
    return env.get_template("page.html").render(page="home")


def test_the_site_context_renders_what_jinjas_own_does():
    ours, jinjas = render(SiteEnvironment), render(Environment)
    assert ours == jinjas
    for expected in ["page=home", "local=block", "kept=a", "kept=b", "[a]", "[outer|INNER]",
                     "True:x", "True", "page=home", "/sub/people/", "KW"]:
        assert expected in ours


def test_the_site_environment_uses_the_site_context():
    env = SiteEnvironment(loader=DictLoader(TEMPLATES))
    env.globals.update(GLOBALS)
    assert isinstance(env.get_template("page.html").new_context({"page": "x"}), SiteContext)


@pytest.mark.parametrize("callable_", [from_context, Helper().seen])
def test_a_marked_callable_gets_the_context_inside_a_loop(callable_):
    env = SiteEnvironment()
    env.globals["f"] = callable_
    # a variable set in a loop reaches the callable as Jinja's _loop_vars
    out = env.from_string("{% for x in [1] %}{% set name = 'n' %}{{ f('name') }}{% endfor %}").render()
    assert out == "name=n"
