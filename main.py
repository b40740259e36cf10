"""Editorial macros for the pages in docs/ that opt in with `render_macros: true`.

mkdocs-macros reads `define_env` from this module (its default `module_name`), the form other
MkDocs-compatible builders read too. The answers come from the domain; the hook hands over the
current build as the variable `handbook_build` (see hooks/handbook_hook.py), so a macro never
reads content files itself.
"""


def define_env(env):
    def build():
        return env.variables["handbook_build"]

    def asked(question):
        def macro(*args, **kwargs):
            try:
                return question(build().handbook, *args, **kwargs)
            except ValueError as error:
                build().fail(f"macro {question.__name__}: {error}")

        macro.__name__ = question.__name__
        macro.__doc__ = question.__doc__
        return env.macro(macro)

    @asked
    def case_count(handbook, instrument=None, sector=None):
        """The number of cases, optionally of one instrument and/or sector."""
        return len(handbook.select_cases(instrument, sector))

    @asked
    def case_table(handbook, instrument=None, sector=None, limit=None):
        """A table of those cases, newest first."""
        return build().snippet("case_table.md.j2", cases=handbook.select_cases(instrument, sector)[:limit])

    @asked
    def latest_cases(handbook, n=5):
        """The n newest cases as a list."""
        return build().snippet("latest_cases.md.j2", cases=handbook.cases[:n])

    @asked
    def recommendations(handbook, theme):
        """The merged recommendations of one theme, with their sources."""
        return build().snippet("recommendations.md.j2", entries=handbook.recommendations_of(theme))

    @asked
    def matrix(handbook):
        """The instrument × sector table of case counts."""
        return build().snippet("matrix.md.j2")

    @asked
    def counts(handbook):
        """Numbers: cases, methods, instruments, sectors, recommendations, countries."""
        return handbook.counts()

    @asked
    def world_map(handbook):
        """The map of the exchange: countries shaded by cases, cities, online events."""
        return build().snippet("world_map.md.j2")

    @asked
    def timeline(handbook):
        """Cases per year by instrument, as a chart with its table."""
        return build().snippet("timeline.md.j2")

    @env.macro
    def contribution():
        """Where contributions go (extra.handbook in mkdocs.yml): repository, contact and their links."""
        return build().contribution
