#include "classroom/request_snippets.h"

#include <cctype>

namespace shardscape {

namespace {

std::string separated(std::string_view name, char separator) {
    std::string out;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (std::isupper(static_cast<unsigned char>(c)) && i > 0) out.push_back(separator);
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

// POSIX shell single quotes: ' becomes '\''.
std::string shellQuoted(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out.push_back(c);
    }
    out.push_back('\'');
    return out;
}

// Python literal of a JSON value (True/False/None for the JSON keywords).
std::string pythonLiteral(const Json& value, int indent, int depth) {
    const std::string pad(static_cast<size_t>(indent * (depth + 1)), ' ');
    const std::string closing(static_cast<size_t>(indent * depth), ' ');
    if (value.is_object()) {
        if (value.empty()) return "{}";
        std::string out = "{\n";
        for (auto it = value.begin(); it != value.end(); ++it) {
            out +=
                pad + Json(it.key()).dump() + ": " + pythonLiteral(it.value(), indent, depth + 1);
            out += ",\n";
        }
        return out + closing + "}";
    }
    if (value.is_array()) {
        if (value.empty()) return "[]";
        std::string out = "[\n";
        for (const auto& element : value)
            out += pad + pythonLiteral(element, indent, depth + 1) + ",\n";
        return out + closing + "]";
    }
    if (value.is_boolean()) return value.get<bool>() ? "True" : "False";
    if (value.is_null()) return "None";
    return value.dump();
}

}  // namespace

std::string kebabCase(std::string_view name) {
    return separated(name, '-');
}

std::string snakeCase(std::string_view name) {
    return separated(name, '_');
}

std::string awsCliCommand(std::string_view operation, const Json& request,
                          std::string_view endpoint) {
    std::string out = "aws dynamodb " + kebabCase(operation);
    for (auto it = request.begin(); it != request.end(); ++it) {
        const std::string option = kebabCase(it.key());
        const Json& value = it.value();
        out += " \\\n    --";
        if (value.is_boolean()) {  // the CLI's --flag / --no-flag form
            out += (value.get<bool>() ? "" : "no-") + option;
            continue;
        }
        out += option + " ";
        if (value.is_string())
            out += shellQuoted(value.get<std::string>());
        else if (value.is_number())
            out += value.dump();
        else
            out += shellQuoted(value.dump());
    }
    if (!endpoint.empty()) out += " \\\n    --endpoint-url " + std::string(endpoint);
    return out;
}

std::string boto3Snippet(std::string_view operation, const Json& request,
                         std::string_view endpoint) {
    std::string out = "import boto3\n\n";
    out += endpoint.empty() ? "client = boto3.client(\"dynamodb\")\n"
                            : "client = boto3.client(\"dynamodb\", endpoint_url=\"" +
                                  std::string(endpoint) + "\")\n";
    out += "response = client." + snakeCase(operation) + "(**" + pythonLiteral(request, 4, 0) +
           ")\nprint(response)\n";
    return out;
}

std::string javascriptV3Snippet(std::string_view operation, const Json& request,
                                std::string_view endpoint) {
    const std::string command = std::string(operation) + "Command";
    std::string out =
        "import { DynamoDBClient, " + command + " } from \"@aws-sdk/client-dynamodb\";\n\n";
    out += endpoint.empty() ? "const client = new DynamoDBClient({});\n"
                            : "const client = new DynamoDBClient({ endpoint: \"" +
                                  std::string(endpoint) + "\" });\n";
    out += "const response = await client.send(new " + command + "(" + request.dump(2) +
           "));\nconsole.log(response);\n";
    return out;
}

}  // namespace shardscape
