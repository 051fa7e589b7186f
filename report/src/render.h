// Internals of the digest renderers (sift/report/render.h): the digest's data
// as C++ values, read and checked once from the JSON, then rendered as HTML
// (render_html*.cc with render_svg.cc) or Markdown (render_markdown*.cc).
// Shared formatting (numbers, escaping, colours) is in render_format.cc.
#ifndef SIFT_REPORT_SRC_RENDER_H_
#define SIFT_REPORT_SRC_RENDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sift/core/status.h"

namespace sift::report::internal {

// ---- The data (field names follow DIGEST_FORMAT.md) ----

struct Count {
  std::string key;
  std::string label;
  int64_t count = 0;
};

struct Quote {
  std::string id;  // "HLIS-2019-0012/q2"
  std::string text;
  std::string respondent_type;
  std::string sector;
  std::optional<double> sentiment;  // absent in sub-theme quotes
};

struct Phrase {
  std::string text;
  double score = 0;
  int64_t count = 0;
  int64_t responses = 0;
};

struct Subtheme {
  std::string name;
  std::vector<std::string> phrases;
  int64_t count = 0;
  std::optional<double> sentiment;
  std::optional<Quote> quote;
};

struct Sentiment {
  std::optional<double> mean;  // null when n == 0
  double negative = 0;
  double neutral = 0;
  double positive = 0;
  int64_t n = 0;
};

struct Theme {
  std::string id;
  std::string name;
  std::string kind;         // "foundation", "grand_challenge"; may be empty
  std::string description;  // may be empty
  int64_t count = 0;
  int64_t count_collapsed = 0;
  double share = 0;
  std::vector<Count> by_sector;
  std::vector<Count> by_respondent_type;
  std::vector<Count> by_question;
  Sentiment sentiment;
  std::vector<Phrase> phrases;
  std::vector<Quote> quotes;
  // Sentences the sentiment model classed negative and positive (empty in
  // digests written before sift chose them).
  std::vector<Quote> critical, supportive;
  std::vector<Subtheme> subthemes;
};

struct Overview {
  int64_t responses = 0;
  int64_t respondents = 0;
  int64_t duplicates = 0;
  int64_t campaigns = 0;
  int64_t campaign_members = 0;
  int64_t responses_collapsed = 0;
  std::vector<std::pair<std::string, int64_t>> redactions;  // in data order
  bool redaction = false;
  std::vector<Count> by_respondent_type;
  std::vector<Count> by_sector;
  std::vector<Count> by_district;
  std::vector<Count> by_question;
  std::vector<Count> by_sentiment;
};

struct SectorSentiment {
  std::string key;
  std::string label;
  int64_t count = 0;
  double negative = 0;
  double neutral = 0;
  double positive = 0;
  std::optional<double> mean;
};

struct Cell {
  std::optional<double> mean;  // null when count < 5: shown greyed out
  int64_t count = 0;
};

struct SentimentBySector {
  std::vector<SectorSentiment> sectors;
  std::vector<std::string> themes;        // theme ids, the matrix's columns
  std::vector<std::vector<Cell>> matrix;  // [sector][theme]
};

struct Addition {
  std::string id;
  std::vector<std::string> sentences;
};

struct Campaign {
  std::string id;
  int64_t size = 0;
  std::string template_id;
  std::string template_text;
  std::vector<std::string> members;
  std::vector<Addition> additions;
};

// A short answer many responses gave word for word; not a campaign.
struct RepeatedAnswer {
  std::string id;
  int64_t size = 0;
  std::string text;
  std::vector<std::string> members;
};

struct OutsideTaxonomy {
  int64_t count = 0;
  int64_t no_label = 0;
  int64_t needs_review = 0;
  std::vector<Phrase> phrases;
  std::vector<Quote> quotes;
  std::vector<Subtheme> subthemes;
};

struct InputFile {
  std::string path;
  int64_t rows = 0;
  std::string sha256;
};

struct Methodology {
  std::string sift_version;
  std::string model;
  std::vector<std::pair<std::string, double>> thresholds;   // label id
  std::vector<std::pair<std::string, double>> test_scores;  // in data order
  std::vector<std::pair<std::string, double>> sentiment_scores;
  std::vector<InputFile> input_files;
  bool redaction = false;
  std::vector<std::string> notes;
};

struct Digest {
  std::string title;
  std::string generated;
  Overview overview;
  std::vector<Theme> themes;
  SentimentBySector sentiment_by_sector;
  std::vector<Campaign> campaigns;
  std::vector<RepeatedAnswer> repeated_answers;  // absent in older digests
  OutsideTaxonomy outside_taxonomy;
  Methodology methodology;

  // The theme's display name, or `id` itself when no theme has that id.
  std::string ThemeName(const std::string& id) const;
};

// Reads and checks the JSON text. InvalidArgument naming the first missing or
// wrong field ("digest field themes[2].count: missing").
Result<Digest> ParseDigest(std::string_view json);
// The same text pretty-printed, keys in their given order.
Result<std::string> PrettyJson(std::string_view json);

// ---- Renderers ----

std::string RenderHtml(const Digest& digest);
std::string RenderMarkdown(const Digest& digest);

// ---- Formatting shared by both renderers (render_format.cc) ----

// "1,234,567"; negative numbers keep their sign.
std::string FormatCount(int64_t n);
// 0.271 -> "27.1%".
std::string FormatShare(double share);
// -0.214 -> "-0.21", 0.08 -> "+0.08", 0 -> "0.00"; never "-0.00".
std::string FormatSentiment(double value);
// "n/a" when absent.
std::string FormatSentiment(const std::optional<double>& value);
// A score or threshold: "0.775" (three decimals).
std::string FormatScore(double value);
// "560 responses from 170 respondents; 1 campaign of 12 letters".
std::string SummaryLine(const Overview& overview);
// "2026-11-26T10:00:00Z" -> "26 November 2026, 10:00 UTC"; other text as is.
std::string FormatTimestamp(std::string_view iso);
// "macro_f1" -> "Macro-averaged F1"; unknown keys as KindLabel(key).
std::string ScoreLabel(const std::string& key);
// "email" -> "e-mail addresses"; unknown kinds as they are.
std::string RedactionLabel(const std::string& kind);
// "grand_challenge" -> "Grand challenge".
std::string KindLabel(const std::string& kind);
// `count` of `total` as a share (0 when total is 0).
double ShareOf(int64_t count, int64_t total);

// Escapes & < > " ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);
// Backslash-escapes what Markdown would read as markup: HTML tags, entity
// references, emphasis, links, code, table pipes, and a heading or list
// marker at the start; turns line breaks into spaces. Plain text such as
// "R&D" or "0.4.0" is left as it is.
std::string MarkdownEscape(std::string_view text);

// The diverging sentiment scale: orange for negative, near-white at 0, blue
// for positive, saturating at |value| = 0.6. "#rrggbb".
std::string SentimentColour(double value);
// The sequential scale for a share in [0, 1] of `hue` ("orange", "grey" or
// "blue"), light to dark. "#rrggbb".
std::string ShareColour(double share, std::string_view hue);
// A text colour that reads on `background` ("#rrggbb"): near-black or white.
std::string TextColourOn(std::string_view background);

// ---- SVG charts (render_svg.cc); each returns one <svg role="img"> ----

// Horizontal bars, two per theme: raw count (solid) and campaign-collapsed
// count (hatched), value printed at each bar's end.
std::string PrevalenceChartSvg(const Digest& digest);
// Sector x {negative, neutral, positive} share heatmap, value in each cell.
std::string SectorHeatmapSvg(const SentimentBySector& data);
// One 100% stacked bar of negative / neutral / positive shares. `id` makes the
// chart's element ids unique in the document.
std::string SentimentBarSvg(const Sentiment& sentiment, std::string_view id,
                            std::string_view subject);

}  // namespace sift::report::internal

#endif  // SIFT_REPORT_SRC_RENDER_H_
