#pragma once
// The model being designed: its value, the file it came from and the undo stack of the
// edits made to it. Every design edit is a command holding the model before and after
// (core computes the after in model/model_edit.h), so undo restores exactly.

#include <QObject>
#include <QString>

#include "base/result.h"
#include "model/model.h"

class QUndoStack;

namespace shardscape {

class DesignDocument : public QObject {
    Q_OBJECT
  public:
    explicit DesignDocument(QObject* parent = nullptr);

    const Model& model() const { return model_; }
    // The file the model was opened from or saved to; empty for a new model.
    QString filePath() const { return path_; }
    bool isModified() const;
    QUndoStack* undoStack() const { return undo_; }

    // Replaces the model (a file was opened, or New): clears the undo history, unmodified.
    void reset(Model model, const QString& path);
    // Loads and saves through core's model_file (atomic save); false with `error` set.
    bool open(const QString& path, QString* error);
    bool saveAs(const QString& path, QString* error);

    // Applies an edit core computed: pushes an undoable command named `text`. A refused edit
    // (core's error) changes nothing and is reported through editRefused; returns false.
    bool apply(const QString& text, Result<Model> edited);

    // For the undo command: installs a model value without touching the history.
    void setModelValue(const Model& model);

  signals:
    // The model value changed (edit, undo, redo, open, new).
    void changed();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);
    void editRefused(const QString& message);

  private:
    Model model_;
    QString path_;
    QUndoStack* undo_ = nullptr;
};

}  // namespace shardscape
