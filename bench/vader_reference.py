"""VADER, the sentiment benchmark's anchor: NLTK's implementation of Hutto &
Gilbert (2014) with the lexicon sift uses (vader-sentiment's
vader_lexicon.txt), so both read the same word ratings.

    python3 bench/vader_reference.py LEXICON < texts.txt > compound.txt

One text per input line; prints VADER's compound score per line.
"""
import sys

from nltk.sentiment.vader import SentimentIntensityAnalyzer


class Vader(SentimentIntensityAnalyzer):
    # NLTK's loader trips over the file's final newline; read it leniently.
    def make_lex_dict(self):
        lexicon = {}
        for line in self.lexicon_file.split("\n"):
            fields = line.strip().split("\t")
            if len(fields) >= 2:
                lexicon[fields[0]] = float(fields[1])
        return lexicon


def main():
    vader = Vader(lexicon_file="file:" + sys.argv[1])
    for line in sys.stdin:
        print(vader.polarity_scores(line.rstrip("\n"))["compound"])


if __name__ == "__main__":
    main()
