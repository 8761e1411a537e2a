#include "model/yaml_writer.h"

#include <algorithm>
#include <regex>

namespace shardscape {

namespace {

std::string scalar(const OrderedJson& value) {
    if (!value.is_string()) return value.dump();
    const std::string& text = value.get_ref<const std::string&>();
    static const std::regex plain("[A-Za-z_/][A-Za-z0-9_./-]*");
    static const std::regex keyword(
        "(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
        "null|Null|NULL)");
    if (std::regex_match(text, plain) && !std::regex_match(text, keyword)) return text;
    return value.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

bool isEmptyCollection(const OrderedJson& v) {
    return (v.is_object() || v.is_array()) && v.empty();
}

void write(std::string& out, const OrderedJson& value, int indent);

void writeMember(std::string& out, const std::string& prefix, const OrderedJson& value,
                 int indent) {
    out.append(prefix);
    if (value.is_object() && !value.empty()) {
        out.append("\n");
        write(out, value, indent + 2);
    } else if (value.is_array() && !value.empty()) {
        out.append("\n");
        write(out, value, indent + 2);
    } else {
        out.append(" ").append(isEmptyCollection(value) ? (value.is_object() ? "{}" : "[]")
                                                        : scalar(value));
        out.append("\n");
    }
}

void write(std::string& out, const OrderedJson& value, int indent) {
    const std::string pad(static_cast<size_t>(indent), ' ');
    if (value.is_object()) {
        for (const auto& [key, member] : value.items())
            writeMember(out, pad + scalar(OrderedJson(key)) + ":", member, indent);
    } else if (value.is_array()) {
        for (const auto& element : value) {
            if (element.is_object() && !element.empty()) {
                // "- first: x" then the other members aligned under it.
                std::string nested;
                write(nested, element, indent + 2);
                nested.replace(static_cast<size_t>(indent), 2, "- ");
                out.append(nested);
            } else {
                writeMember(out, pad + "-", element, indent);
            }
        }
    } else {
        out.append(pad).append(scalar(value)).append("\n");
    }
}

}  // namespace

std::string toYaml(const OrderedJson& value) {
    std::string out;
    write(out, value, 0);
    return out;
}

}  // namespace shardscape
