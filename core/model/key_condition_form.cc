#include "model/key_condition_form.h"

#include <cctype>
#include <regex>

#include "expressions/reserved_words.h"

namespace shardscape {

namespace {

constexpr std::string_view kSortTexts[] = {"", "=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"};

std::string trimmed(std::string_view text) {
    size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return std::string(text.substr(begin, end - begin));
}

bool isPlainName(const std::string& name) {
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
    return !isReservedWord(name);
}

// "GSI1PK" -> "gsi1pk", "order-date" -> "order_date".
std::string placeholderBase(const std::string& attribute) {
    std::string out;
    for (char c : attribute)
        out.push_back(std::isalnum(static_cast<unsigned char>(c))
                          ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                          : '_');
    return out.empty() ? std::string("key") : out;
}

// The attribute as the expression names it, adding to `names` when it needs a #name.
std::string nameInExpression(const std::string& attribute, OrderedJson& names) {
    if (isPlainName(attribute)) return attribute;
    std::string placeholder = "#";
    placeholder.append(placeholderBase(attribute));
    names[placeholder] = attribute;
    return placeholder;
}

std::string valueText(const OrderedJson& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// The attribute an expression's name token stands for.
std::string resolveName(const std::string& token, const AccessPattern& pattern) {
    if (token.empty() || token[0] != '#') return token;
    auto found = pattern.names.find(token);
    return found != pattern.names.end() && found->is_string() ? found->get<std::string>()
                                                              : token.substr(1);
}

std::string resolveValue(const std::string& placeholder, const AccessPattern& pattern) {
    auto found = pattern.values.find(placeholder);
    return found != pattern.values.end() ? valueText(*found) : std::string();
}

}  // namespace

std::string_view sortConditionText(SortCondition condition) {
    return kSortTexts[static_cast<int>(condition)];
}

SortCondition sortConditionFromText(std::string_view text) {
    for (int i = 1; i < 8; ++i)
        if (kSortTexts[i] == text) return static_cast<SortCondition>(i);
    return SortCondition::None;
}

Result<PatternKeys> patternKeys(const Model& model, const std::string& table,
                                const std::string& index) {
    const ModelTable* t = model.findTable(table);
    if (!t) return validationError("No table named '" + table + "' in the model");
    if (index.empty()) return PatternKeys{t->partitionKey, t->sortKey.value_or("")};
    const ModelIndex* i = t->findIndex(index);
    if (!i) return validationError("The table does not have the specified index: " + index);
    return PatternKeys{i->partitionKey, i->sortKey.value_or("")};
}

std::optional<KeyConditionForm> readKeyCondition(const AccessPattern& pattern) {
    static const std::string name = "([#A-Za-z0-9_.\\-]+)";
    static const std::string placeholder = "(:[A-Za-z0-9_]+)";
    static const std::regex whole(
        "^\\s*" + name + "\\s*=\\s*" + placeholder + "\\s*(?:[Aa][Nn][Dd]\\s+(.+?))?\\s*$",
        std::regex::ECMAScript);
    static const std::regex beginsWith("^begins_with\\s*\\(\\s*" + name + "\\s*,\\s*" +
                                       placeholder + "\\s*\\)$");
    static const std::regex between(
        "^" + name + "\\s+BETWEEN\\s+" + placeholder + "\\s+AND\\s+" + placeholder + "$",
        std::regex::ECMAScript | std::regex::icase);
    static const std::regex compare("^" + name + "\\s*(<=|>=|=|<|>)\\s*" + placeholder + "$");
    KeyConditionForm form;
    if (trimmed(pattern.keyCondition).empty()) return form;
    std::smatch m;
    if (!std::regex_match(pattern.keyCondition, m, whole)) return std::nullopt;
    form.partitionKey = resolveName(m[1], pattern);
    form.partitionValue = resolveValue(m[2], pattern);
    if (!m[3].matched) return form;
    const std::string rest = trimmed(m[3].str());
    std::smatch s;
    if (std::regex_match(rest, s, beginsWith)) {
        form.sort = SortCondition::BeginsWith;
    } else if (std::regex_match(rest, s, between)) {
        form.sort = SortCondition::Between;
        form.sortValueTo = resolveValue(s[3], pattern);
    } else if (std::regex_match(rest, s, compare)) {
        form.sort = sortConditionFromText(s[2].str());
        form.sortValue = resolveValue(s[3], pattern);
        form.sortKey = resolveName(s[1], pattern);
        return form;
    } else {
        return std::nullopt;
    }
    form.sortKey = resolveName(s[1], pattern);
    form.sortValue = resolveValue(s[2], pattern);
    return form;
}

Result<OrderedJson> parsePlaceholderValues(const std::string& text) {
    OrderedJson out = OrderedJson::object();
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(';', start);
        if (end == std::string::npos) end = text.size();
        const std::string entry = trimmed(std::string_view(text).substr(start, end - start));
        start = end + 1;
        if (entry.empty()) continue;
        const size_t equals = entry.find('=');
        const std::string placeholder = trimmed(entry.substr(0, equals));
        if (equals == std::string::npos || placeholder.size() < 2 || placeholder[0] != ':')
            return validationError("Write each filter value as :placeholder = value (not '" +
                                   entry + "')");
        const std::string value = trimmed(entry.substr(equals + 1));
        OrderedJson parsed = OrderedJson::parse(value, nullptr, false);
        if (!parsed.is_discarded() &&
            (parsed.is_number() || parsed.is_boolean() || parsed.is_string()))
            out[placeholder] = parsed;
        else
            out[placeholder] = value;
    }
    return out;
}

std::string filterValuesText(const AccessPattern& pattern) {
    static const std::regex placeholder(":[A-Za-z0-9_]+");
    std::string out;
    for (auto it = std::sregex_iterator(pattern.filter.begin(), pattern.filter.end(), placeholder);
         it != std::sregex_iterator(); ++it) {
        const std::string name = it->str();
        auto value = pattern.values.find(name);
        if (value == pattern.values.end() || out.find(name + " =") != std::string::npos) continue;
        if (!out.empty()) out += "; ";
        out += name + " = " + (value->is_string() ? value->get<std::string>() : value->dump());
    }
    return out;
}

Result<AccessPattern> composePattern(AccessPattern pattern, const KeyConditionForm& key,
                                     const std::string& filter, const std::string& filterValues) {
    OrderedJson names = OrderedJson::object();
    OrderedJson values = OrderedJson::object();
    std::string condition;
    if (!key.partitionKey.empty()) {
        const std::string pk = placeholderBase(key.partitionKey);
        condition = nameInExpression(key.partitionKey, names) + " = :" + pk;
        values[":" + pk] = key.partitionValue;
        if (key.sort != SortCondition::None) {
            if (key.sortKey.empty())
                return validationError(
                    "A sort key condition needs a table or index with a sort key");
            const std::string sk = placeholderBase(key.sortKey);
            const std::string sortName = nameInExpression(key.sortKey, names);
            condition += " AND ";
            if (key.sort == SortCondition::BeginsWith)
                condition += "begins_with(" + sortName + ", :" + sk + ")";
            else if (key.sort == SortCondition::Between)
                condition += sortName + " BETWEEN :" + sk + " AND :" + sk + "To";
            else
                condition += sortName + " " + std::string(sortConditionText(key.sort)) + " :" + sk;
            values[":" + sk] = key.sortValue;
            if (key.sort == SortCondition::Between) values[":" + sk + "To"] = key.sortValueTo;
        }
    }
    auto filterPlaceholders = parsePlaceholderValues(filterValues);
    if (!filterPlaceholders) return filterPlaceholders.error();
    for (const auto& [placeholder, value] : filterPlaceholders->items()) {
        if (values.contains(placeholder))
            return validationError("The filter's " + placeholder +
                                   " is already the key condition's; give it another name");
        values[placeholder] = value;
    }
    static const std::regex nameToken("#[A-Za-z0-9_]+");
    for (auto it = std::sregex_iterator(filter.begin(), filter.end(), nameToken);
         it != std::sregex_iterator(); ++it) {
        const std::string token = it->str();
        if (names.contains(token)) continue;
        auto known = pattern.names.find(token);
        names[token] = known != pattern.names.end() ? *known : OrderedJson(token.substr(1));
    }
    pattern.keyCondition = condition;
    pattern.filter = trimmed(filter);
    pattern.names = std::move(names);
    pattern.values = std::move(values);
    return pattern;
}

}  // namespace shardscape
