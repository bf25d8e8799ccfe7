package org.qcmb.qcschema;

import com.fasterxml.jackson.databind.JsonNode;
import org.qcmb.common.InputException;

/**
 * QCSchema generation of a document: v1 (QCElemental's classic models, QCManyBody's {@code models.v1}) or v2
 * (QCElemental 0.70 / QCManyBody 0.5+ {@code models.v2}). A result is written in the version of its input.
 */
public enum SchemaVersion {
    V1(1, 2), V2(2, 3);

    private final int number;
    private final int moleculeSchemaVersion;

    SchemaVersion(int number, int moleculeSchemaVersion) {
        this.number = number;
        this.moleculeSchemaVersion = moleculeSchemaVersion;
    }

    /** The {@code schema_version} of documents of this generation. */
    public int number() {
        return number;
    }

    /** The molecule's own {@code schema_version}: 2 in QCSchema v1, 3 in v2. */
    public int moleculeSchemaVersion() {
        return moleculeSchemaVersion;
    }

    /**
     * The version a document declares by its {@code schema_name} ({@code v1Name} or {@code v2Name}) and
     * {@code schema_version} (1 or 2); a document that declares neither is v1, as QCManyBody's unversioned models
     * are. Any other name or number, or a name and number that disagree, is an input error naming the field.
     */
    public static SchemaVersion declaredBy(JsonNode doc, String path, String v1Name, String v2Name) {
        SchemaVersion byName = null;
        if (QcJson.has(doc, "schema_name")) {
            String name = QcJson.string(doc, "schema_name", path, null);
            if (name.equals(v1Name)) {
                byName = V1;
            } else if (name.equals(v2Name)) {
                byName = V2;
            } else {
                throw InputException.field(QcJson.join(path, "schema_name"), "must be \"" + v1Name
                        + "\" (QCSchema v1) or \"" + v2Name + "\" (v2), not \"" + name + "\"");
            }
        }
        SchemaVersion byNumber = null;
        if (QcJson.has(doc, "schema_version")) {
            int n = QcJson.integer(doc.get("schema_version"), QcJson.join(path, "schema_version"));
            if (n != 1 && n != 2) {
                throw InputException.field(QcJson.join(path, "schema_version"), "must be 1 or 2, not " + n);
            }
            byNumber = n == 1 ? V1 : V2;
        }
        if (byName != null && byNumber != null && byName != byNumber) {
            throw InputException.field(QcJson.join(path, "schema_version"), "is " + byNumber.number
                    + " but schema_name \"" + (byName == V1 ? v1Name : v2Name) + "\" is QCSchema v" + byName.number);
        }
        return byName != null ? byName : byNumber != null ? byNumber : V1;
    }
}
