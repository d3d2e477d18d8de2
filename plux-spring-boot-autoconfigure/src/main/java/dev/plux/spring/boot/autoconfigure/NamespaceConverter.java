package dev.plux.spring.boot.autoconfigure;

import org.springframework.core.convert.converter.Converter;

/**
 * Binds the plain-string form of a {@code plux.namespaces} item ({@code plux.namespaces=a,b} or a YAML list of
 * strings) to a {@link PluxProperties.Namespace}; the object form binds as a JavaBean.
 */
final class NamespaceConverter implements Converter<String, PluxProperties.Namespace> {

    @Override
    public PluxProperties.Namespace convert(String source) {
        return new PluxProperties.Namespace(source.trim());
    }
}
