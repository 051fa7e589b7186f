// LexiconScorer: VADER's rules over the sentiment lexicon, per sentence.
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "sentiment_table.h"
#include "sift/nlp/sentiment_lexicon.h"

namespace sift::nlp {
namespace {

using sentiment_internal::AsciiQuotes;
using sentiment_internal::IsAsciiPunct;
using sentiment_internal::IsUpper;
using sentiment_internal::Lower;

// VADER's constants (vaderSentiment.py).
constexpr double kBoost = 0.293;
constexpr double kDampen = -0.293;
constexpr double kCapsBoost = 0.733;
constexpr double kNegation = -0.74;
constexpr double kAlpha = 15;

const std::unordered_set<std::string_view>& Negators() {
  static const auto* set = new std::unordered_set<std::string_view>{
      "aint",    "arent",   "cannot",   "cant",    "couldnt",   "darent",
      "didnt",   "doesnt",  "dont",     "hadnt",   "hasnt",     "havent",
      "isnt",    "mightnt", "mustnt",   "neither", "neednt",    "never",
      "none",    "nope",    "nor",      "not",     "nothing",   "nowhere",
      "oughtnt", "shant",   "shouldnt", "uhuh",    "wasnt",     "werent",
      "without", "wont",    "wouldnt",  "rarely",  "seldom",    "despite",
      "no",      "lacks",   "lacking",  "fail",    "fails",     "failed",
      "failing", "unable",  "absence",  "nobody",  "uh-uh",     "ain't",
      "aren't",  "can't",   "couldn't", "daren't", "didn't",    "doesn't",
      "don't",   "hadn't",  "hasn't",   "haven't", "isn't",     "mightn't",
      "mustn't", "needn't", "oughtn't", "shan't",  "shouldn't", "wasn't",
      "weren't", "won't",   "wouldn't"};
  return *set;
}

const std::unordered_map<std::string_view, double>& Boosters() {
  static const auto* map = new std::unordered_map<std::string_view, double>{
      {"absolutely", kBoost},
      {"amazingly", kBoost},
      {"awfully", kBoost},
      {"completely", kBoost},
      {"considerably", kBoost},
      {"decidedly", kBoost},
      {"deeply", kBoost},
      {"enormously", kBoost},
      {"entirely", kBoost},
      {"especially", kBoost},
      {"exceptionally", kBoost},
      {"extremely", kBoost},
      {"fully", kBoost},
      {"greatly", kBoost},
      {"highly", kBoost},
      {"hugely", kBoost},
      {"incredibly", kBoost},
      {"intensely", kBoost},
      {"majorly", kBoost},
      {"more", kBoost},
      {"most", kBoost},
      {"particularly", kBoost},
      {"purely", kBoost},
      {"quite", kBoost},
      {"really", kBoost},
      {"remarkably", kBoost},
      {"so", kBoost},
      {"substantially", kBoost},
      {"thoroughly", kBoost},
      {"totally", kBoost},
      {"tremendously", kBoost},
      {"unbelievably", kBoost},
      {"unusually", kBoost},
      {"utterly", kBoost},
      {"very", kBoost},
      {"strongly", kBoost},
      {"seriously", kBoost},
      {"genuinely", kBoost},
      {"almost", kDampen},
      {"barely", kDampen},
      {"hardly", kDampen},
      {"kinda", kDampen},
      {"less", kDampen},
      {"little", kDampen},
      {"marginally", kDampen},
      {"occasionally", kDampen},
      {"partly", kDampen},
      {"scarcely", kDampen},
      {"slightly", kDampen},
      {"somewhat", kDampen},
      {"sorta", kDampen},
      {"fairly", kDampen},
      {"reasonably", kDampen},
      {"relatively", kDampen}};
  return *map;
}

bool IsNegator(std::string_view lower) {
  if (Negators().count(lower)) return true;
  return lower.find("n't") != std::string_view::npos;
}

}  // namespace

LexiconScorer::LexiconScorer(const SentimentLexicon* lexicon)
    : lexicon_(lexicon) {}

namespace {

// Splits on white space and strips surrounding punctuation, keeping
// emoticons (":)") that the lexicon knows. One-letter words are dropped, as
// in VADER, so they do not use up the three-word rule windows.
void SplitWords(const std::string& text, const SentimentLexicon& lexicon,
                std::vector<std::string>* words) {
  words->clear();
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' ||
                               text[i] == '\n' || text[i] == '\r'))
      ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' &&
           text[i] != '\n' && text[i] != '\r')
      ++i;
    if (start == i) break;
    std::string_view token(text.data() + start, i - start);
    std::size_t b = 0, e = token.size();
    while (b < e && IsAsciiPunct(token[b])) ++b;
    while (e > b && IsAsciiPunct(token[e - 1])) --e;
    std::string_view word = token.substr(b, e - b);
    if (word.size() < token.size() && lexicon.Valence(Lower(token)) != 0) {
      word = token;  // an emoticon
    }
    if (word.size() > 1) words->emplace_back(word);
  }
}

double PunctuationEmphasis(std::string_view text) {
  std::size_t bangs = std::count(text.begin(), text.end(), '!');
  std::size_t questions = std::count(text.begin(), text.end(), '?');
  double emphasis = std::min<std::size_t>(bangs, 4) * 0.292;
  if (questions > 1) emphasis += questions <= 3 ? questions * 0.18 : 0.96;
  return emphasis;
}

}  // namespace

// A lexicon item's valence after the rules of the three words before it.
double LexiconScorer::ItemValence(std::size_t i, double valence) const {
  if (IsUpper(words_[i]) && cap_differential_) {
    valence += valence > 0 ? kCapsBoost : -kCapsBoost;
  }
  for (std::size_t back = 1; back <= 3 && back <= i; ++back) {
    const std::string& before = lower_[i - back];
    auto boost = Boosters().find(before);
    if (boost != Boosters().end() && lexicon_->Valence(before) == 0) {
      double s = valence < 0 ? -boost->second : boost->second;
      if (IsUpper(words_[i - back]) && cap_differential_) {
        s += valence > 0 ? kCapsBoost : -kCapsBoost;
      }
      valence += s * (back == 1 ? 1.0 : back == 2 ? 0.95 : 0.9);
    }
    const bool never_so = back >= 2 && before == "never" &&
                          (lower_[i - 1] == "so" || lower_[i - 1] == "this");
    if (never_so) {
      valence *= 1.25;  // "never so good" praises
    } else if (IsNegator(before)) {
      valence *= kNegation;
    }
  }
  if (i >= 1 && lower_[i - 1] == "least" &&
      (i < 2 || (lower_[i - 2] != "at" && lower_[i - 2] != "very"))) {
    valence *= kNegation;
  }
  return valence;
}

LexiconScore LexiconScorer::Score(std::string_view sentence) {
  std::string text = AsciiQuotes(sentence);
  SplitWords(text, *lexicon_, &words_);
  lower_.clear();
  std::size_t caps = 0;
  for (const auto& w : words_) {
    lower_.push_back(Lower(w));
    caps += IsUpper(w) ? 1 : 0;
  }
  cap_differential_ = caps > 0 && caps < words_.size();
  const auto& phrases = lexicon_->table_->phrases;
  valences_.assign(words_.size(), 0.0);
  std::size_t contrast = words_.size();
  for (std::size_t i = 0; i < words_.size(); ++i) {
    const std::string& w = lower_[i];
    if (contrast == words_.size() && (w == "but" || w == "however")) {
      contrast = i;
    }
    std::size_t span = 1;
    double valence = 0;
    auto phrase = phrases.find(w);
    if (phrase != phrases.end()) {
      for (const auto& [rest, v] : phrase->second) {
        if (i + rest.size() >= words_.size()) continue;
        if (std::equal(rest.begin(), rest.end(), lower_.begin() + i + 1)) {
          valence = v;
          span = rest.size() + 1;
          break;
        }
      }
    }
    if (span == 1) {
      if (Boosters().count(w) ||
          (w == "kind" && i + 1 < words_.size() && lower_[i + 1] == "of")) {
        continue;
      }
      valence = lexicon_->Valence(w);
      // "no" before a rated word negates it rather than counting itself.
      if (w == "no" && i + 1 < words_.size() &&
          lexicon_->Valence(lower_[i + 1]) != 0) {
        valence = 0;
      }
    }
    if (valence != 0) valences_[i] = ItemValence(i, valence);
    i += span - 1;
  }
  LexiconScore score;
  score.words = static_cast<int>(words_.size());
  score.opens_with_contrast = contrast == 0;
  for (std::size_t i = 0; i < valences_.size(); ++i) {
    double v = valences_[i];
    if (contrast < words_.size() && i != contrast)
      v *= i < contrast ? 0.5 : 1.5;
    score.sum += v;
    score.positive += v > 0 ? 1 : 0;
    score.negative += v < 0 ? 1 : 0;
  }
  double emphasis = PunctuationEmphasis(text);
  if (score.sum > 0) score.sum += emphasis;
  if (score.sum < 0) score.sum -= emphasis;
  score.compound = score.sum / std::sqrt(score.sum * score.sum + kAlpha);
  return score;
}
}  // namespace sift::nlp
