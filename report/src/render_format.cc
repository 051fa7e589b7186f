// Number formats, escaping and colour scales shared by the renderers.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>

#include "render.h"

namespace sift::report::internal {
namespace {

struct Rgb {
  double r, g, b;
};

constexpr Rgb kWhite{247, 247, 247};
constexpr Rgb kOrangeMid{241, 163, 64};
constexpr Rgb kOrangeDark{179, 88, 6};
constexpr Rgb kBlueMid{146, 197, 222};
constexpr Rgb kBlueDark{33, 102, 172};
constexpr Rgb kGreyMid{189, 189, 189};
constexpr Rgb kGreyDark{99, 99, 99};

Rgb Mix(const Rgb& a, const Rgb& b, double t) {
  return Rgb{a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t,
             a.b + (b.b - a.b) * t};
}

// Along white -> mid -> dark for t in [0, 1].
std::string Ramp(const Rgb& mid, const Rgb& dark, double t) {
  t = std::clamp(t, 0.0, 1.0);
  Rgb c = t < 0.5 ? Mix(kWhite, mid, t * 2) : Mix(mid, dark, (t - 0.5) * 2);
  return fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(std::lround(c.r)),
                     static_cast<int>(std::lround(c.g)),
                     static_cast<int>(std::lround(c.b)));
}

double Linear(int channel) {
  double c = channel / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

std::string Plural(int64_t n, std::string_view one, std::string_view many) {
  return FormatCount(n).append(" ").append(n == 1 ? one : many);
}

}  // namespace

std::string FormatCount(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? std::string("-").append(out) : out;
}

std::string FormatShare(double share) {
  double pct = std::round(share * 1000.0) / 10.0;
  if (pct == 0) pct = 0;  // no "-0.0%"
  return fmt::format("{:.1f}%", pct);
}

std::string FormatSentiment(double value) {
  double r = std::round(value * 100.0) / 100.0;
  if (r == 0) return "0.00";
  return fmt::format("{:+.2f}", r);
}

std::string FormatSentiment(const std::optional<double>& value) {
  return value ? FormatSentiment(*value) : std::string("n/a");
}

std::string FormatScore(double value) { return fmt::format("{:.3f}", value); }

std::string SummaryLine(const Overview& o) {
  std::string line =
      Plural(o.responses, "response", "responses")
          .append(" from ")
          .append(Plural(o.respondents, "respondent", "respondents"));
  if (o.campaigns == 0) return line.append("; no campaigns");
  return line.append("; ")
      .append(Plural(o.campaigns, "campaign", "campaigns"))
      .append(" of ")
      .append(Plural(o.campaign_members, "letter", "letters"));
}

std::string FormatTimestamp(std::string_view iso) {
  static constexpr const char* kMonths[] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  auto digits = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (i >= iso.size() || iso[i] < '0' || iso[i] > '9') return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || iso[4] != '-' ||
      iso[7] != '-') {
    return std::string(iso);
  }
  std::string out = fmt::format("{} {} {}", day, kMonths[month - 1], year);
  int hour = digits(11, 2), minute = digits(14, 2);
  if (iso.size() >= 20 && iso[10] == 'T' && hour >= 0 && minute >= 0 &&
      iso.back() == 'Z') {
    out += fmt::format(", {:02}:{:02} UTC", hour, minute);
  }
  return out;
}

std::string ScoreLabel(const std::string& key) {
  if (key == "macro_f1" || key == "test_macro_f1") return "Macro-averaged F1";
  if (key == "micro_f1" || key == "test_micro_f1") return "Micro-averaged F1";
  if (key == "test_pearson" || key == "pearson") {
    return "Pearson correlation with human scores";
  }
  return KindLabel(key);
}

std::string RedactionLabel(const std::string& kind) {
  if (kind == "email") return "e-mail addresses";
  if (kind == "url") return "web addresses";
  if (kind == "nino") return "National Insurance numbers";
  if (kind == "phone") return "phone numbers";
  if (kind == "postcode") return "postcodes";
  return kind;
}

std::string KindLabel(const std::string& kind) {
  std::string out = kind;
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] -= 'a' - 'A';
  return out;
}

double ShareOf(int64_t count, int64_t total) {
  return total > 0 ? static_cast<double>(count) / static_cast<double>(total)
                   : 0.0;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string MarkdownEscape(std::string_view text) {
  auto at = [&](std::size_t i) { return i < text.size() ? text[i] : ' '; };
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  // "1. text" would start a numbered list: the '.' after leading digits.
  std::size_t digits = text.find_first_not_of("0123456789");
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' || c == '\n' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    bool markup =
        std::string_view("\\`*_[]<>|~").find(c) != std::string_view::npos;
    // '&' only where it could start an entity ("&amp;", "&#60;").
    bool entity =
        c == '&' && (std::isalnum(static_cast<unsigned char>(at(i + 1))) ||
                     at(i + 1) == '#');
    // A heading, list item or quote marker at the start of a line.
    bool opener = out.empty() &&
                  std::string_view("#-+").find(c) != std::string_view::npos &&
                  is_space(at(i + 1));
    bool numbered =
        i == digits && i > 0 && (c == '.' || c == ')') && is_space(at(i + 1));
    if (markup || entity || opener || numbered) out += '\\';
    out += c;
  }
  return out;
}

std::string SentimentColour(double value) {
  double t = std::min(std::abs(value) / 0.6, 1.0);
  return value < 0 ? Ramp(kOrangeMid, kOrangeDark, t)
                   : Ramp(kBlueMid, kBlueDark, t);
}

std::string ShareColour(double share, std::string_view hue) {
  double t = share / 0.7;
  if (hue == "orange") return Ramp(kOrangeMid, kOrangeDark, t);
  if (hue == "blue") return Ramp(kBlueMid, kBlueDark, t);
  return Ramp(kGreyMid, kGreyDark, t);
}

std::string TextColourOn(std::string_view background) {
  if (background.size() != 7) return "#1a1a1a";
  auto channel = [&](int at) {
    return static_cast<int>(std::strtol(
        std::string(background.substr(at, 2)).c_str(), nullptr, 16));
  };
  double l = 0.2126 * Linear(channel(1)) + 0.7152 * Linear(channel(3)) +
             0.0722 * Linear(channel(5));
  return l > 0.179 ? "#1a1a1a" : "#ffffff";
}

}  // namespace sift::report::internal
