// A small VADER-format lexicon for sentiment tests (no download).
#ifndef SIFT_TESTS_NLP_SENTIMENT_FIXTURE_H_
#define SIFT_TESTS_NLP_SENTIMENT_FIXTURE_H_

namespace sift::nlp {

inline constexpr char kFixtureLexicon[] =
    "good\t1.9\t0.9\t[2, 2]\n"
    "bad\t-2.5\t0.7\t[-2, -3]\n"
    "great\t3.1\t0.5\t[3, 3]\n"
    "support\t1.7\t0.6\t[2, 1]\n"
    "no\t-1.2\t0.4\t[-1, -1]\n"
    ":)\t2.0\t0.6\t[2, 2]\n";

}  // namespace sift::nlp

#endif  // SIFT_TESTS_NLP_SENTIMENT_FIXTURE_H_
