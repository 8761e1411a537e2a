#include "transfer/plain_json.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "base/base64.h"
#include "base/json_position.h"
#include "values/document_path.h"
#include "values/number.h"

namespace shardscape {

namespace {

using Json = nlohmann::json;

// Builds AttributeValues straight from the parser's events, so numbers keep the digits as
// written (a DOM would have turned them into doubles).
class ValueBuilder : public nlohmann::json_sax<Json> {
  public:
    bool null() override { return put(AttributeValue::null()); }
    bool boolean(bool value) override { return put(AttributeValue::boolean(value)); }
    bool number_integer(number_integer_t value) override { return number(std::to_string(value)); }
    bool number_unsigned(number_unsigned_t value) override { return number(std::to_string(value)); }
    bool number_float(number_float_t, const string_t& text) override { return number(text); }
    bool string(string_t& value) override { return put(AttributeValue::string(value)); }
    bool binary(binary_t&) override { return fail("binary JSON values are not supported"); }
    bool start_object(std::size_t) override { return open(true); }
    bool key(string_t& name) override {
        stack_.back().key = name;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(false); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& e) override {
        std::string what = e.what();
        const size_t colon = what.find(": ", what.find("column"));
        // position is 1-based: the character that broke the parse.
        errorOffset_ = position > 0 ? position - 1 : 0;
        error_ = colon == std::string::npos ? what : what.substr(colon + 2);
        // "[json.exception.out_of_range.406] number overflow ...": the id says nothing here.
        if (error_.starts_with("[json.exception.") && error_.find("] ") != std::string::npos)
            error_ = error_.substr(error_.find("] ") + 2);
        return false;
    }

    // `text` starts at `line`, `column` of its file.
    Result<Item> take(std::string_view text, int64_t line, int64_t column) {
        if (errorOffset_)
            return validationError("Malformed JSON at " +
                                   describeTextPosition(text, *errorOffset_, line, column) + ": " +
                                   error_);
        if (!error_.empty()) return validationError(error_);
        if (!done_ || result_.type() != ValueType::M)
            return validationError("Expected a JSON object (one item)");
        return result_.mapMembers();
    }

  private:
    struct Frame {
        bool isMap = true;
        std::map<std::string, AttributeValue> members;
        std::vector<AttributeValue> elements;
        std::string key;
    };

    bool fail(std::string message) {
        // Name the attribute at fault (the top-level one the value belongs to).
        if (!stack_.empty() && stack_[0].isMap && !stack_[0].key.empty())
            message = "attribute " + stack_[0].key + ": " + message;
        error_ = std::move(message);
        return false;
    }
    bool number(const std::string& text) {
        auto parsed = Number::parse(text);
        if (!parsed) return fail(parsed.error().message + " (" + text + ")");
        return put(AttributeValue::number(parsed->toString()));
    }
    bool put(AttributeValue value) {
        if (stack_.empty()) {
            result_ = std::move(value);
            done_ = true;
        } else if (stack_.back().isMap) {
            stack_.back().members[stack_.back().key] = std::move(value);
        } else {
            stack_.back().elements.push_back(std::move(value));
        }
        return true;
    }
    bool open(bool isMap) {
        // The item itself is level 0; DynamoDB allows 32 levels of nesting below it.
        if (stack_.size() > kMaxPathDepth)
            return fail("Nesting Levels have exceeded supported limits");
        stack_.push_back(Frame{isMap, {}, {}, {}});
        return true;
    }
    bool close() {
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        return put(frame.isMap ? AttributeValue::map(std::move(frame.members))
                               : AttributeValue::list(std::move(frame.elements)));
    }

    std::vector<Frame> stack_;
    AttributeValue result_;
    bool done_ = false;
    std::string error_;
    std::optional<size_t> errorOffset_;  // set for a syntax error
};

void appendString(std::string& out, const std::string& text) {
    out.append(Json(text).dump(-1, ' ', false, Json::error_handler_t::replace));
}

void appendValue(std::string& out, const AttributeValue& value) {
    switch (value.type()) {
        case ValueType::S:
            return appendString(out, value.scalar());
        case ValueType::N:
            out.append(value.scalar());
            return;
        case ValueType::B:
            return appendString(out, base64Encode(value.scalar()));
        case ValueType::BOOL:
            out.append(value.boolValue() ? "true" : "false");
            return;
        case ValueType::NUL:
            out.append("null");
            return;
        case ValueType::M:
            return appendPlainJson(out, value.mapMembers());
        case ValueType::L: {
            out.push_back('[');
            bool first = true;
            for (const auto& element : value.listElements()) {
                if (!first) out.push_back(',');
                first = false;
                appendValue(out, element);
            }
            out.push_back(']');
            return;
        }
        case ValueType::SS:
        case ValueType::NS:
        case ValueType::BS: {
            out.push_back('[');
            bool first = true;
            for (const auto& member : value.setMembers()) {
                if (!first) out.push_back(',');
                first = false;
                if (value.type() == ValueType::NS)
                    out.append(member);
                else
                    appendString(out,
                                 value.type() == ValueType::BS ? base64Encode(member) : member);
            }
            out.push_back(']');
            return;
        }
    }
}

}  // namespace

Result<Item> plainJsonToItem(std::string_view text, int64_t firstLine, int64_t firstColumn) {
    ValueBuilder builder;
    // The builder keeps what went wrong, and where, for take() to report.
    (void)Json::sax_parse(text, &builder);
    return builder.take(text, firstLine, firstColumn);
}

void appendPlainJson(std::string& out, const Item& item) {
    out.push_back('{');
    bool first = true;
    for (const auto& [name, value] : item) {
        if (!first) out.push_back(',');
        first = false;
        appendString(out, name);
        out.push_back(':');
        appendValue(out, value);
    }
    out.push_back('}');
}

}  // namespace shardscape
