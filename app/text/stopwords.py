"""Words too common to search by: a standard English stop list, plus the words that frame a question.

``SNOWBALL`` is the Snowball project's English stop list exactly as PostgreSQL ships it
(``tsearch_data/english.stop``), so an analysed text drops what PostgreSQL's own English configuration drops.
``QUESTION_WORDS`` are what an analyst's whole question adds around its subject ("What did Zelenskiy say
about…", "How many…", "Who's…"); contractions appear without their apostrophe, as the analyser writes them.
"""

_SNOWBALL = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
    herself it its itself they them their theirs themselves what which who whom this that these those am is
    are was were be been being have has had having do does did doing a an the and but if or because as until
    while of at by for with about against between into through during before after above below to from up
    down in out on off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will just don should now
"""

_QUESTION_WORDS = """
    whose whats whos wheres whens whys hows would could might must shall many much also please
    say says said saying tell tells told mention mentions mentioned according
    isnt arent wasnt werent hasnt havent hadnt doesnt dont didnt wouldnt shouldnt couldnt cant mustnt
"""

SNOWBALL = frozenset(_SNOWBALL.split())
QUESTION_WORDS = frozenset(_QUESTION_WORDS.split())
STOP_WORDS = SNOWBALL | QUESTION_WORDS
